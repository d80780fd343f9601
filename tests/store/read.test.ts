import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { readCurrentVersion } from '../../store/files.ts';
import { loadIndex } from '../../retrieval/loaded-index.ts';
import { STORE_FORMAT_VERSION } from '../../store/format.ts';
import { NoIndexError, readStore, StoreError } from '../../store/read.ts';
import { engineOptions, MODELS_DIR, TEST_MODEL, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

async function freshIndex(): Promise<{ indexDir: string; file: (name: string) => string }> {
  const options = engineOptions(tempSeeds({ 'a.txt': 'Some text about rivers. More text about lakes.' }));
  await buildIndex({ ...options, embedder });
  const dir = join(options.indexDir, readCurrentVersion(options.indexDir)!);
  return { indexDir: options.indexDir, file: (name) => join(dir, name) };
}

const FIX = /rebuild it with `npm run index -- --full`/;

describe('readStore', () => {
  it('says there is no index and how to build one', () => {
    expect(() => readStore(tempDir())).toThrow(NoIndexError);
    expect(() => readStore(tempDir())).toThrow(/there is no index at .*; build it with `npm run index`/);
  });

  it.each([
    ['truncated vectors', (f: (n: string) => string) => truncateSync(f('vectors.f32'), 8), /vectors.f32 does not match its checksum/],
    ['corrupted passages', (f: (n: string) => string) => writeFileSync(f('passages.json'), '[]'), /passages.json does not match its checksum/],
    ['missing HNSW graph', (f: (n: string) => string) => rmSync(f('hnsw.bin')), /hnsw.bin is missing/],
    ['garbled manifest', (f: (n: string) => string) => writeFileSync(f('manifest.json'), '{"formatVer'), /manifest.json is not valid JSON/],
    [
      'wrong format version',
      (f: (n: string) => string) => {
        const m = JSON.parse(readFileSync(f('manifest.json'), 'utf8'));
        writeFileSync(f('manifest.json'), JSON.stringify({ ...m, formatVersion: 99 }));
      },
      new RegExp(`has format 99, this version reads ${STORE_FORMAT_VERSION};`),
    ],
  ])('gives one clear error naming the fix for %s', async (_name, damage, message) => {
    const { indexDir, file } = await freshIndex();
    damage(file);
    let error: unknown;
    try {
      readStore(indexDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(FIX);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('loadIndex', () => {
  it('reports a manifest without its similarity background as damage, naming the fix', async () => {
    const { indexDir, file } = await freshIndex();
    const m = JSON.parse(readFileSync(file('manifest.json'), 'utf8'));
    expect(m.background).toMatchObject({ passage: { mean: expect.any(Number), std: expect.any(Number) }, word: { mean: expect.any(Number), std: expect.any(Number) } });
    expect(loadIndex(indexDir).passages.length).toBeGreaterThan(0);
    writeFileSync(file('manifest.json'), JSON.stringify({ ...m, background: undefined }));
    expect(() => loadIndex(indexDir)).toThrow(StoreError);
    expect(() => loadIndex(indexDir)).toThrow(/is damaged \(the manifest has no similarity background\); rebuild it with `npm run index -- --full`$/);
  });
});
