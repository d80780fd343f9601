// The texts the index keeps of PDFs, Word files and web pages: shared with the next version while their file is
// unchanged, read again when damaged, missed by readStore when gone, and read back by citableTexts.
import { readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { readCurrentVersion, sha256 } from '../../store/files.ts';
import { keptTextFile, STORE_FILES } from '../../store/format.ts';
import { readStore, StoreError } from '../../store/read.ts';
import { citableTexts } from '../../store/texts.ts';
import { documentSpec, docxOf, htmlOf, Keys, pdfOf } from '../helpers/generated-documents.ts';
import { engineOptions, MODELS_DIR, TEST_MODEL, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

async function corpus() {
  const keys = new Keys();
  const files = {
    'a.pdf': (await pdfOf(documentSpec(keys, 'A', 2), { outline: true })).bytes,
    'b.docx': (await docxOf(documentSpec(keys, 'B', 1))).bytes,
    'c.html': htmlOf(documentSpec(keys, 'C', 1)).bytes,
    'd.txt': 'Plain text is cited by the file itself.',
  };
  const seeds = tempSeeds(files);
  return { seeds, options: engineOptions(seeds), hashes: Object.fromEntries(Object.entries(files).map(([n, b]) => [n, sha256(b)])) };
}

const live = (indexDir: string) => join(indexDir, readCurrentVersion(indexDir)!);

describe('kept texts', () => {
  it('are kept for extracted formats only, each under its file hash, and shared by the next version while unchanged', async () => {
    const { seeds, options, hashes } = await corpus();
    await buildIndex({ ...options, embedder });
    const first = readStore(options.indexDir).manifest;
    expect(Object.fromEntries(Object.entries(first.files).map(([s, e]) => [s, [e.format, e.textSha256 !== undefined]]))).toEqual({
      'a.pdf': ['PDF', true],
      'b.docx': ['Word document', true],
      'c.html': ['web page', true],
      'd.txt': ['text', false],
    });
    const firstDir = live(options.indexDir);
    expect(readdirSync(join(firstDir, STORE_FILES.texts)).sort()).toEqual(['a.pdf', 'b.docx', 'c.html'].map((s) => `${hashes[s]}.txt`).sort());

    writeFileSync(join(seeds, 'c.html'), htmlOf(documentSpec(new Keys(3000), 'C changed', 1)).bytes);
    const summary = await buildIndex({ ...options, embedder });
    expect(summary).toMatchObject({ unchanged: 3, changed: 1 });
    const secondDir = live(options.indexDir);
    const inode = (dir: string, source: string) => statSync(join(dir, keptTextFile(hashes[source]!))).ino;
    expect(inode(secondDir, 'a.pdf')).toBe(inode(firstDir, 'a.pdf'));
    expect(readdirSync(join(secondDir, STORE_FILES.texts))).not.toContain(`${hashes['c.html']}.txt`);
  });

  it('are read again from the file when the kept one is damaged, with a warning', async () => {
    const { options, hashes } = await corpus();
    await buildIndex({ ...options, embedder });
    const before = readStore(options.indexDir).passages.filter((p) => p.source === 'a.pdf');
    writeFileSync(join(live(options.indexDir), keptTextFile(hashes['a.pdf']!)), 'garbage');
    const warnings: string[] = [];
    const summary = await buildIndex({ ...options, embedder, warn: (m) => warnings.push(m) });
    expect(warnings).toContain("reading a.pdf again: the index's text of it is damaged");
    expect(summary).toMatchObject({ unchanged: 3, changed: 1 });
    const citable = citableTexts(options.indexDir, options.seedsDir);
    const after = readStore(options.indexDir).passages.filter((p) => p.source === 'a.pdf');
    expect(after.map((p) => p.text)).toEqual(before.map((p) => p.text));
    for (const p of after) expect(citable('a.pdf').slice(p.charStart, p.charEnd)).toBe(p.text);
  });

  it('are missed by readStore when gone, and citableTexts says what is wrong with a text', async () => {
    const { seeds, options, hashes } = await corpus();
    await buildIndex({ ...options, embedder });
    const citable = citableTexts(options.indexDir, seeds);
    expect(citable('d.txt')).toBe('Plain text is cited by the file itself.');
    expect(citable('b.docx')).toContain('Chapter 1');
    expect(() => citable('e.pdf')).toThrow(new StoreError('e.pdf is not in the index'));
    writeFileSync(join(seeds, 'd.txt'), 'Edited since.');
    expect(() => citableTexts(options.indexDir, seeds)('d.txt')).toThrow(new StoreError('d.txt has changed since it was indexed; run `npm run index`'));
    writeFileSync(join(live(options.indexDir), keptTextFile(hashes['c.html']!)), 'tampered');
    expect(() => citableTexts(options.indexDir, seeds)('c.html')).toThrow(/^the index's text of c\.html is missing or damaged; rebuild it/);
    rmSync(join(live(options.indexDir), keptTextFile(hashes['b.docx']!)));
    expect(() => readStore(options.indexDir)).toThrow(StoreError);
    expect(() => readStore(options.indexDir)).toThrow(/is damaged \(the text of b\.docx is missing\)/);
  });
});
