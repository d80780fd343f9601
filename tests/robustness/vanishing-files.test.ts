// Files that vanish or change while the indexer reads the folder: skipped with a reason or read whole, never a throw.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { findDocuments } from '../../index/documents.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { checkIndex } from '../helpers/index-check.ts';
import { engineOptions, MODELS_DIR, TEST_MODEL, tempSeeds } from '../helpers/temp-corpus.ts';

// Deterministic races: just before the indexer reads a file (or lists a folder) named here, it is changed.
const races = vi.hoisted(() => new Map<string, 'delete' | 'rewrite' | 'to-folder'>());
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const race = (path: unknown) => {
    const what = typeof path === 'string' ? races.get(path) : undefined;
    if (!what) return;
    races.delete(path as string);
    fs.rmSync(path as string, { recursive: true, force: true });
    if (what === 'rewrite') fs.writeFileSync(path as string, 'Rewritten between the listing and the read.');
    if (what === 'to-folder') fs.mkdirSync(path as string);
  };
  const readFileSync = ((path: unknown, ...rest: unknown[]) => (race(path), (fs.readFileSync as Function)(path, ...rest))) as typeof fs.readFileSync;
  const openSync = ((path: unknown, ...rest: unknown[]) => (race(path), (fs.openSync as Function)(path, ...rest))) as typeof fs.openSync;
  const readdirSync = ((path: unknown, ...rest: unknown[]) => (race(path), (fs.readdirSync as Function)(path, ...rest))) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readFileSync, openSync, readdirSync }, readFileSync, openSync, readdirSync };
});

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

describe('files that change under the indexer', () => {
  it('a file deleted, rewritten or replaced by a folder between discovery and read; a folder deleted before listing', () => {
    const dir = tempSeeds({ 'a.txt': 'Stays.', 'gone.txt': 'Deleted.', 'rewritten.txt': 'Old text.', 'swapped.txt': 'A file.', 'sub/x.txt': 'In a folder.' });
    races.set(join(dir, 'gone.txt'), 'delete');
    races.set(join(dir, 'rewritten.txt'), 'rewrite');
    races.set(join(dir, 'swapped.txt'), 'to-folder');
    races.set(join(dir, 'sub'), 'delete');
    const { documents, skipped } = findDocuments(dir);
    expect(documents.map((d) => [d.source, d.bytes.toString('utf8')])).toEqual([
      ['a.txt', 'Stays.'],
      ['rewritten.txt', 'Rewritten between the listing and the read.'],
    ]);
    expect(skipped).toEqual([
      { source: 'gone.txt', reason: 'vanished or is a broken link' },
      { source: 'sub', reason: 'vanished or is a broken link' },
      { source: 'swapped.txt', reason: expect.stringMatching(/^EISDIR: illegal operation on a directory/) },
    ]);
  });

  it('another process creating, rewriting and deleting files throughout: no throw, and a consistent index once it stops', async () => {
    const dir = tempSeeds({ 'stable.txt': 'A file nobody touches.' });
    // Churns 40 files for ~3 s: rewrites (truncate, then write), deletions, renames, file <-> folder swaps.
    const churn = `
      const fs = require('node:fs'), path = require('node:path');
      const dir = ${JSON.stringify(dir)}, end = Date.now() + 3000;
      for (let i = 0; Date.now() < end; i++) {
        const f = path.join(dir, 'f' + (i % 40) + '.txt');
        try {
          switch (i % 7) {
            case 0: fs.rmSync(f, { recursive: true, force: true }); break;
            case 1: fs.rmSync(f, { recursive: true, force: true }); fs.mkdirSync(f); fs.writeFileSync(path.join(f, 'in.md'), '# In\\n\\nInside.'); break;
            case 2: fs.renameSync(f, f + '.md'); break;
            default: fs.rmSync(f, { recursive: true, force: true }); fs.writeFileSync(f, ('Version ' + i + ' of a busy file. ').repeat(1 + (i % 50)));
          }
        } catch {}
      }`;
    const child = spawn(process.execPath, ['-e', churn], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const reasons = new Map<string, number>();
    let scans = 0;
    let builds = 0;
    const options = engineOptions(dir);
    while (child.exitCode === null) {
      const { skipped } = findDocuments(dir); // must not throw
      for (const s of skipped) reasons.set(s.reason.split(':')[0]!, (reasons.get(s.reason.split(':')[0]!) ?? 0) + 1);
      scans++;
      if (scans % 5 === 0) {
        await buildIndex({ ...options, embedder }); // must not throw
        builds++;
      }
      await new Promise((r) => setImmediate(r));
    }
    await exited;
    expect(scans).toBeGreaterThan(5);
    await buildIndex({ ...options, embedder });
    const check = checkIndex(options.indexDir, [dir]);
    expect(check.store.manifest.files['stable.txt']).toBeDefined();
    expect({ scans, builds, reasons: Object.fromEntries(reasons) }).toMatchObject({ scans: expect.any(Number) });
  });
});
