// A damaged index on disk gives one clear line naming the fix, in loadStore and through `npm run ask`;
// two indexers at once: the second refuses; a failed reindex leaves the engine answering from the old index.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { acquireIndexLock, IndexBusyError } from '../../index/lock.ts';
import { readCurrentVersion } from '../../store/files.ts';
import { openEngine } from '../../retrieval/engine.ts';
import { loadStore, NoIndexError, StoreError } from '../../store/read.ts';
import { checkIndex } from '../helpers/index-check.ts';
import { QUESTION, runIndexer, seedSets, TSX, type SeedSet } from '../helpers/kill-harness.ts';
import { engineOptions, MODELS_DIR, PROJECT_ROOT, TEST_MODEL, tempDir } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
let sets: [SeedSet, SeedSet];
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
  sets = seedSets(0);
});
afterAll(() => embedder.close());

/** A built index (set A) and a function giving the path of one of its live files. */
async function freshIndex() {
  const options = engineOptions(sets[0].dir);
  await buildIndex({ ...options, embedder });
  const version = readCurrentVersion(options.indexDir)!;
  return { indexDir: options.indexDir, version, file: (name: string) => join(options.indexDir, version, name) };
}

type Damage = (index: Awaited<ReturnType<typeof freshIndex>>) => void;
const FIX = /rebuild it with `npm run index -- --full`/;
const damages: Array<[string, Damage, RegExp]> = [
  ['truncated passages', ({ file }) => truncateSync(file('passages.json'), 100), /passages.json does not match its checksum/],
  ['empty vectors', ({ file }) => truncateSync(file('vectors.f32'), 0), /vectors.f32 does not match its checksum/],
  ['one flipped byte in the HNSW graph', ({ file }) => flipByte(file('hnsw.bin')), /hnsw.bin does not match its checksum/],
  ['keyword index replaced by garbage', ({ file }) => writeFileSync(file('keyword.json'), '\0\0garbage'), /keyword.json does not match/],
  ['missing keyword index', ({ file }) => rmSync(file('keyword.json')), /keyword.json is missing/],
  ['empty manifest', ({ file }) => writeFileSync(file('manifest.json'), ''), /manifest.json is not valid JSON/],
  ['manifest "null"', ({ file }) => writeFileSync(file('manifest.json'), 'null'), /manifest.json is not a manifest/],
  ['manifest without its model', ({ file }) => editManifest(file, (m) => ({ ...m, model: undefined })), /manifest.json is incomplete/],
  ['manifest from another format version', ({ file }) => editManifest(file, (m) => ({ ...m, formatVersion: 1 })), /has format 1, this version reads \d+/],
  ['garbage CURRENT', ({ indexDir }) => writeFileSync(join(indexDir, 'CURRENT'), '\x89PNG\r\n'), /CURRENT does not name a version/],
  ['empty CURRENT', ({ indexDir }) => writeFileSync(join(indexDir, 'CURRENT'), ''), /CURRENT does not name a version/],
  ['CURRENT naming a missing version', ({ indexDir }) => writeFileSync(join(indexDir, 'CURRENT'), 'v999-1\n'), /manifest.json is missing/],
  ['live version folder deleted', ({ indexDir, version }) => rmSync(join(indexDir, version), { recursive: true }), /manifest.json is missing/],
  ['CURRENT is a folder', ({ indexDir }) => (rmSync(join(indexDir, 'CURRENT')), mkdirSync(join(indexDir, 'CURRENT'))), /cannot be read \(EISDIR/],
];

function flipByte(path: string): void {
  const bytes = readFileSync(path);
  const at = bytes.length >> 1;
  bytes[at] = bytes[at]! ^ 0xff;
  writeFileSync(path, bytes);
}

function editManifest(file: (name: string) => string, edit: (m: Record<string, unknown>) => Record<string, unknown>): void {
  writeFileSync(file('manifest.json'), JSON.stringify(edit(JSON.parse(readFileSync(file('manifest.json'), 'utf8')))));
}

function ask(indexDir: string, question: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [join(PROJECT_ROOT, 'cli/ask.ts'), '--index', indexDir, '--seeds', sets[0].dir, question];
  const env = { ...process.env, MODELS_DIR, EMBEDDING_MODEL: TEST_MODEL };
  return new Promise((resolve) => {
    execFile(TSX, args, { env, encoding: 'utf8', cwd: tempDir() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('a damaged index', () => {
  it.each(damages)('%s: loadStore throws one StoreError line naming the fix', async (_name, damage, message) => {
    const index = await freshIndex();
    damage(index);
    let error: unknown;
    try {
      loadStore(index.indexDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect(error).not.toBeInstanceOf(NoIndexError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(FIX);
    expect((error as Error).message).not.toContain('\n');
  });

  it('`npm run ask` exits 1 with one line naming the fix, no stack trace (garbage CURRENT, missing version, truncated file)', async () => {
    const cases = [damages[0]!, damages[9]!, damages[11]!];
    const indexes = [];
    for (const [, damage] of cases) {
      const index = await freshIndex();
      damage(index);
      indexes.push(index);
    }
    const runs = await Promise.all(indexes.map((index) => ask(index.indexDir, QUESTION)));
    for (const [i, [, , message]] of cases.entries()) {
      const r = runs[i]!;
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: the index at .* is damaged/);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toMatch(FIX);
    }
  });

  it('an empty index folder: loadStore says there is none and how to build it; `ask` builds it and answers', async () => {
    const empty = tempDir('citebot-index-');
    expect(() => loadStore(empty)).toThrow(NoIndexError);
    expect(() => loadStore(empty)).toThrow(/^there is no index at .*; build it with `npm run index`$/);
    const r = await ask(empty, QUESTION);
    expect(r.stderr).toContain('no index yet: building it from');
    expect(r.code).toBe(0);
    expect(checkIndex(empty, [sets[0].dir]).files).toBe(sets[0].sources.length);
  });
});

describe('rebuilding over a damaged or crashed index', () => {
  it('an incremental build over a damaged index re-embeds everything rather than copying the damage into a valid-looking version', async () => {
    const index = await freshIndex();
    // Bit rot that keeps the JSON valid: the passage no longer slices its file.
    writeFileSync(index.file('passages.json'), readFileSync(index.file('passages.json'), 'utf8').replace('Zanzibar', 'Zanzibaz'));
    const warnings: string[] = [];
    const summary = await buildIndex({ ...engineOptions(sets[0].dir, index.indexDir), embedder, warn: (m) => warnings.push(m) });
    expect(warnings).toContain('re-embedding every document: the live index is damaged (a checksum does not match)');
    expect(summary.unchanged).toBe(0);
    checkIndex(index.indexDir, [sets[0].dir]);
  });

  it("a killed build's leftovers (staging folder, CURRENT temp file, older versions) are removed by the next build", async () => {
    const index = await freshIndex();
    mkdirSync(join(index.indexDir, 'staging-v1-4242'));
    writeFileSync(join(index.indexDir, 'staging-v1-4242', 'passages.json'), '[{"half');
    writeFileSync(join(index.indexDir, 'CURRENT.4242.tmp'), 'v1-4242');
    mkdirSync(join(index.indexDir, 'v1-4242')); // renamed into place, CURRENT never pointed at it
    const next = await buildIndex({ ...engineOptions(sets[0].dir, index.indexDir), embedder });
    expect(readdirSync(index.indexDir).sort()).toEqual(['CURRENT', index.version, next.version].sort());
  });
});

describe('the lock', () => {
  it('two indexers started at once: the second refuses with one line and exit 1, the first completes', async () => {
    const indexDir = tempDir('citebot-index-');
    const [a, b] = await Promise.all([runIndexer(sets[0].dir, indexDir), runIndexer(sets[1].dir, indexDir)]);
    const runs = [a, b];
    expect(runs.some((r) => r.code === 0)).toBe(true);
    for (const r of runs.filter((r) => r.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^error: another indexer \(pid \d+\) is already building this index; wait for it to finish$/);
    }
    checkIndex(indexDir, [sets[0].dir, sets[1].dir]);
    // Deterministically: an indexer while another (this process) holds the lock.
    const release = acquireIndexLock(indexDir);
    const second = await runIndexer(sets[1].dir, indexDir);
    release();
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`error: another indexer (pid ${process.pid}) is already building this index; wait for it to finish\n`);
  });

  it('a lock file another process has just created, still empty, is not taken over', async () => {
    const indexDir = tempDir('citebot-index-');
    // The other process creates the lock file, then takes 300 ms to write its pid into it (as if descheduled).
    const script = `const fs = require('node:fs'); const fd = fs.openSync(${JSON.stringify(join(indexDir, 'indexer.lock'))}, 'wx');
      setTimeout(() => { fs.writeSync(fd, String(process.pid)); fs.closeSync(fd); setTimeout(() => {}, 1500); }, 300);`;
    const other = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    await waitFor(() => existsSync(join(indexDir, 'indexer.lock')));
    expect(() => acquireIndexLock(indexDir)).toThrow(new IndexBusyError(other.pid!));
    await new Promise((r) => other.on('exit', r));
    // Its owner is gone now: the lock is stale and taken over.
    const release = acquireIndexLock(indexDir);
    expect(readFileSync(join(indexDir, 'indexer.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('a stale lock: a dead pid, an empty file left for long, garbage, or our own pid left by an earlier process', () => {
    const indexDir = tempDir('citebot-index-');
    const lock = join(indexDir, 'indexer.lock');
    for (const content of ['999999999', '', 'not a pid', String(process.pid)]) {
      writeFileSync(lock, content);
      const minuteAgo = new Date(Date.now() - 60_000);
      if (content === '') utimesSync(lock, minuteAgo, minuteAgo); // its creator died before writing its pid
      const release = acquireIndexLock(indexDir);
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
      // Held by this process now: a second build in the same process is refused.
      expect(() => acquireIndexLock(indexDir)).toThrow(IndexBusyError);
      release();
    }
  });
});

describe('a reindex that fails', () => {
  it('leaves the engine answering from the previous index', async () => {
    const index = await freshIndex();
    const engine = await openEngine({ ...engineOptions(sets[0].dir, index.indexDir), log: () => {} });
    try {
      const before = await engine.answer(QUESTION);
      expect(before.citations[0]?.quote).toContain('amber');
      // 1. The build itself fails (its seeds folder is gone): nothing changes on disk.
      await expect(buildIndex({ ...engineOptions(join(sets[1].dir, 'missing'), index.indexDir), embedder })).rejects.toThrow();
      expect(await engine.reloadIfChanged()).toBe(false);
      // 2. The indexer is killed while writing: the old version stays live.
      await runIndexer(sets[1].dir, index.indexDir, { stage: 'writing' });
      await engine.reloadIfChanged();
      // 3. A new version is swapped in but is damaged: the reload fails with one line, the engine keeps the old one.
      const good = await buildIndex({ ...engineOptions(sets[1].dir, index.indexDir), embedder });
      truncateSync(join(index.indexDir, good.version, 'vectors.f32'), 16);
      const live = engine.info().version;
      await expect(engine.reloadIfChanged()).rejects.toThrow(FIX);
      expect(engine.info().version).toBe(live);
      const after = await engine.answer(QUESTION);
      expect(after.citations[0]?.quote).toMatch(/amber|cobalt/);
      expect(after.index.version).toBe(live);
    } finally {
      await engine.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
