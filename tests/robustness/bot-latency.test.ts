// The benchmark helper for `npm run bench` (tests/bench/bot-latency.ts), run briefly on the CSTO seed: sane
// figures, no timing thresholds (those are the benchmark's).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { measureConcurrentAsks } from '../bench/bot-concurrency.ts';
import { measureBotLatency } from '../bench/bot-latency.ts';
import { CORPORA, questions } from '../corpus/corpora.ts';
import { MODELS_DIR, TEST_MODEL, engineOptions, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const QUESTIONS = questions(CORPORA.find((c) => c.name === 'article')!, 'dev')
  .slice(0, 6)
  .map((c) => c.question);

describe('measureBotLatency', () => {
  it('measures ready time and interaction → final reply on an existing index', async () => {
    const seedsDir = tempSeeds({}, true);
    const options = engineOptions(seedsDir);
    await (await openOrBuildEngine({ ...options, log: () => undefined })).close(); // builds the index
    const result = await measureBotLatency({ ...options, questions: QUESTIONS, rounds: 2 }).finally(() => {
      for (const dir of [seedsDir, options.indexDir]) rmSync(dir, { recursive: true, force: true });
    });
    expect(result.count).toBe(QUESTIONS.length * 2);
    expect(result.readyMs).toBeGreaterThan(0);
    expect(result.readyMs).toBeLessThan(60_000);
    expect(result.medianMs).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.medianMs);
    expect(result.p95Ms).toBeLessThan(60_000);
  });

  it('measures members asking at once (npm run bench:bot): every answer counted, each within its rate limit', async () => {
    const seedsDir = tempSeeds({}, true);
    const options = engineOptions(seedsDir);
    await (await openOrBuildEngine({ ...options, log: () => undefined })).close(); // builds the index
    const result = await measureConcurrentAsks({ ...options, questions: QUESTIONS, members: 6, rounds: 2 }).finally(() => {
      for (const dir of [seedsDir, options.indexDir]) rmSync(dir, { recursive: true, force: true });
    });
    expect(result.count).toBe(12);
    expect(Object.keys(result.outcomes).filter((outcome) => outcome !== 'answered' && outcome !== 'no-answer')).toEqual([]);
    expect(result.medianMs).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.medianMs);
    expect(result.maxMs).toBeGreaterThanOrEqual(result.p95Ms);
  });

  it('does not build a missing index: it fails, and cleans up', async () => {
    const [seedsDir, dir] = [tempSeeds({}, true), tempDir()];
    const run = measureBotLatency({ seedsDir, indexDir: join(dir, 'none'), modelsDir: MODELS_DIR, model: TEST_MODEL, questions: QUESTIONS });
    await expect(run).rejects.toThrow(/there is no index at/u);
    for (const path of [seedsDir, dir]) rmSync(path, { recursive: true, force: true });
  });
});
