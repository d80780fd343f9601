import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { acquireIndexLock } from '../../index/lock.ts';
import { readCurrentVersion } from '../../store/files.ts';
import { STORE_FORMAT_VERSION } from '../../store/format.ts';
import { readStore } from '../../store/read.ts';
import { engineOptions, MODELS_DIR, TEST_MODEL, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

const docs = {
  'alpha.txt': 'The alpha council met in spring. It approved the river budget.\nThe harbour was closed for repairs.',
  'beta.md': '# Beta rules\n\n## Chat\n\nBe polite in chat. Spam is removed.',
  'gamma.txt': 'Gamma notes mention the mountain railway and its long tunnel.',
};

describe('buildIndex', () => {
  it('builds a store whose passages slice their files exactly, with a complete manifest', async () => {
    const seeds = tempSeeds(docs);
    const options = engineOptions(seeds);
    const summary = await buildIndex({ ...options, embedder });
    expect(summary).toMatchObject({ added: 3, changed: 0, removed: 0, unchanged: 0, model: TEST_MODEL });
    const store = readStore(options.indexDir);
    expect(store.manifest).toMatchObject({ formatVersion: STORE_FORMAT_VERSION, model: { id: TEST_MODEL, dimension: 100 }, counts: { files: 3 } });
    // How similar unrelated texts are in this index, for calibrating answers: measured at build time.
    for (const spread of [store.manifest.background.passage, store.manifest.background.word]) {
      expect(Number.isFinite(spread.mean)).toBe(true);
      expect(spread.std).toBeGreaterThan(0);
    }
    expect(Object.keys(store.manifest.files).sort()).toEqual(['alpha.txt', 'beta.md', 'gamma.txt']);
    expect(store.manifest.files['beta.md']!.title).toBe('Beta rules');
    for (const p of store.passages) {
      expect(readFileSync(join(seeds, p.source), 'utf8').slice(p.charStart, p.charEnd)).toBe(p.text);
    }
    expect(store.passages.find((p) => p.source === 'beta.md')!.section).toEqual(['Chat']);
    expect(store.hnsw.size).toBe(store.passages.length);
  });

  it('reindexes incrementally: unchanged files keep their vectors; added, changed and removed files are counted', async () => {
    const seeds = tempSeeds(docs);
    const options = engineOptions(seeds);
    await buildIndex({ ...options, embedder });
    const before = readStore(options.indexDir);
    const gammaVector = (store: typeof before) => {
      const p = store.passages.find((x) => x.source === 'gamma.txt')!;
      return Array.from(store.vectors.subarray(p.id * 100, p.id * 100 + 100));
    };
    writeFileSync(join(seeds, 'alpha.txt'), 'The alpha council met in autumn instead.');
    rmSync(join(seeds, 'beta.md'));
    writeFileSync(join(seeds, 'delta.txt'), 'Delta describes the lighthouse keeper.');
    const summary = await buildIndex({ ...options, embedder });
    expect(summary).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 1 });
    const after = readStore(options.indexDir);
    expect(Object.keys(after.manifest.files).sort()).toEqual(['alpha.txt', 'delta.txt', 'gamma.txt']);
    expect(after.passages.some((p) => p.text.includes('autumn'))).toBe(true);
    expect(after.passages.some((p) => p.text.includes('spring'))).toBe(false);
    expect(gammaVector(after)).toEqual(gammaVector(before));
    const full = await buildIndex({ ...options, embedder, full: true });
    expect(full).toMatchObject({ added: 3, changed: 0, removed: 0, unchanged: 0 });
  });

  it('swaps versions atomically and keeps only the live and the previous one', async () => {
    const options = engineOptions(tempSeeds(docs));
    const first = await buildIndex({ ...options, embedder });
    // A crashed build leaves a staging folder behind; it must not matter.
    mkdirSync(join(options.indexDir, 'staging-v1-999'));
    writeFileSync(join(options.indexDir, 'staging-v1-999', 'passages.json'), '[{"half');
    const second = await buildIndex({ ...options, embedder });
    const third = await buildIndex({ ...options, embedder });
    expect(readCurrentVersion(options.indexDir)).toBe(third.version);
    const versions = readdirSync(options.indexDir).filter((n) => n.startsWith('v')).sort();
    expect(versions).toEqual([second.version, third.version].sort());
    expect(existsSync(join(options.indexDir, first.version))).toBe(false);
    expect(existsSync(join(options.indexDir, 'staging-v1-999'))).toBe(false);
    expect(readStore(options.indexDir).manifest.version).toBe(third.version);
  });

  it('refuses a second indexer on the same index while the first holds the lock, and takes over a dead one', async () => {
    const options = engineOptions(tempSeeds(docs));
    const release = acquireIndexLock(options.indexDir);
    await expect(buildIndex({ ...options, embedder })).rejects.toThrow(/another indexer \(pid \d+\) is already building/);
    release();
    writeFileSync(join(options.indexDir, 'indexer.lock'), '999999999'); // a killed indexer's lock
    await expect(buildIndex({ ...options, embedder })).resolves.toMatchObject({ added: 3 });
  });

  it('keeps the previous index when a build fails', async () => {
    const seeds = tempSeeds(docs);
    const options = engineOptions(seeds);
    const good = await buildIndex({ ...options, embedder });
    await expect(buildIndex({ ...options, seedsDir: join(seeds, 'no-such-folder'), embedder })).rejects.toThrow(/no-such-folder/);
    expect(readStore(options.indexDir).manifest.version).toBe(good.version);
  });

  it('skips, with a one-line reason, files it cannot read as text or that hold nothing to index, and indexes the rest', async () => {
    const seeds = tempSeeds({
      ...docs,
      'latin1.txt': Buffer.from('Caf\xe9 cr\xe8me', 'latin1'),
      'empty.md': '',
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello.', 'utf16le')]),
      'headings-only.md': '# Title\n\n## Section\n',
      'notes.pdf': '%PDF-1.4',
      'slides.pptx': 'PK\x03\x04',
    });
    const options = engineOptions(seeds);
    const warnings: string[] = [];
    const summary = await buildIndex({ ...options, embedder, warn: (m) => warnings.push(m) });
    expect(Object.fromEntries(summary.skipped.map((s) => [s.source, s.reason]))).toEqual({
      'latin1.txt': 'not valid UTF-8; save it as UTF-8',
      'empty.md': 'empty file',
      'utf16.txt': 'UTF-16 text; save it as UTF-8',
      'headings-only.md': 'no text to index',
      'notes.pdf': 'damaged PDF (no valid PDF structure)',
      'slides.pptx': 'not a document citebot reads (.txt, .md, .markdown, .pdf, .docx, .html, .htm, .xhtml)',
    });
    expect(warnings.sort()).toEqual(summary.skipped.map((s) => `skipped ${s.source}: ${s.reason}`).sort());
    expect(summary).toMatchObject({ added: 3, changed: 0 });
    expect(Object.keys(readStore(options.indexDir).manifest.files).sort()).toEqual(['alpha.txt', 'beta.md', 'gamma.txt']);
    // Fixed: the next build reads it.
    writeFileSync(join(seeds, 'latin1.txt'), 'Café crème.');
    expect(await buildIndex({ ...options, embedder })).toMatchObject({ added: 1, unchanged: 3 });
  });

  it('indexes passages the model cannot embed by keyword only, never with a NaN vector', async () => {
    // The model is given a passage's title too, so this one's file name is no word either.
    const options = engineOptions(tempSeeds({ '0x1F.txt': '%%% ### 12345 !!! ???', 'words.txt': 'Plain words about ships.' }));
    await buildIndex({ ...options, embedder });
    const store = readStore(options.indexDir);
    expect(store.vectors.every((x) => Number.isFinite(x))).toBe(true);
    expect(store.hnsw.size).toBe(store.passages.length - 1);
    expect(store.passages.map((p) => p.source).sort()).toEqual(['0x1F.txt', 'words.txt']);
  });
});

describe('tempDir', () => {
  it('is empty and writable', () => expect(readdirSync(tempDir())).toEqual([]));
});
