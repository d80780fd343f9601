import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, OFFLINE_MODEL, type Embedder } from '../../index/embedding/embedder.ts';
import { WorkerPool } from '../../index/embedding/worker-pool.ts';
import { sharedModelsDir } from './fixtures/shared-models.ts';

const WORDS = 'the union congress war peace tax budget army navy trade law court people nation states economy jobs schools health energy oil farm bank debt treaty freedom'.split(' ');

/** 600 texts of varied length (a few with no known word), deterministic. */
function corpus(): string[] {
  let seed = 42;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  return Array.from({ length: 600 }, (_, i) => {
    if (i % 97 === 5) return '### %%% zzqx';
    const length = 3 + next(200);
    return Array.from({ length }, () => WORDS[next(WORDS.length)]).join(' ') + ` passage ${i}.`;
  });
}

describe('embedding on worker threads', () => {
  let threaded: Embedder;
  let single: Embedder;
  const warnings: string[] = [];
  beforeAll(async () => {
    const cacheDir = await sharedModelsDir();
    threaded = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir, workers: 2, warn: (m) => warnings.push(m) });
    single = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir, workers: 1 });
  });
  afterAll(async () => {
    await threaded?.close();
    await single?.close();
  });

  it('gives the main thread vectors, in order', async () => {
    const texts = corpus();
    const expected = await single.embed(texts);
    // The first job starts the workers (the calling thread helps meanwhile); the second runs on them only.
    for (const run of ['starting', 'started']) {
      const actual = await threaded.embed(texts);
      expect(actual).toHaveLength(texts.length);
      actual.forEach((vector, i) => {
        if (expected[i] === null) return expect(vector, `${run}: text ${i}`).toBeNull();
        expect(vector, `${run}: text ${i}`).toBeInstanceOf(Float32Array);
        vector!.forEach((x, d) => expect(Math.abs(x - expected[i]![d]!)).toBeLessThan(1e-6));
      });
    }
    expect(expected.filter((v) => v === null).length).toBeGreaterThan(0);
    expect(warnings).toEqual([]); // the workers did the work, no fallback to the main thread
  });

  it('spreads a job over the workers alone once they are up', async () => {
    const texts = corpus();
    const expected = await single.embed(texts);
    const pool = new WorkerPool({ model: OFFLINE_MODEL, dir: await sharedModelsDir() }, 2, () => {
      throw new Error('the calling thread must not embed once the workers are up');
    });
    try {
      await pool.ready();
      const actual = await pool.embed(texts);
      actual.forEach((vector, i) => {
        if (expected[i] === null) return expect(vector).toBeNull();
        vector!.forEach((x, d) => expect(Math.abs(x - expected[i]![d]!)).toBeLessThan(1e-6));
      });
    } finally {
      await pool.close();
    }
  });

  it('keeps the process alive while it works, and not after', async () => {
    // Workers are unref'd when idle, so a script that never calls close() still exits; but a job must hold
    // the process open even while the workers are still loading.
    const dir = mkdtempSync(join(tmpdir(), 'citebot-exit-'));
    const script = join(dir, 'script.mts');
    const embedder = fileURLToPath(new URL('../../index/embedding/embedder.ts', import.meta.url));
    writeFileSync(
      script,
      `import { loadEmbedder } from ${JSON.stringify(embedder)};\n` +
        `const e = await loadEmbedder({ model: ${JSON.stringify(OFFLINE_MODEL)}, cacheDir: ${JSON.stringify(await sharedModelsDir())}, workers: 2 });\n` +
        `const v = await e.embed(Array.from({ length: 600 }, (_, i) => 'text ' + i + ' about the union'));\n` +
        `console.log('embedded', v.filter(Boolean).length);\n`,
    );
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('embedded 600');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses work after close', async () => {
    await threaded.close();
    await expect(threaded.embed(corpus())).rejects.toThrow(/closed/);
    await expect(threaded.embed(['one text'])).rejects.toThrow(/closed/);
  });
});
