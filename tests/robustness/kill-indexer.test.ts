// SIGKILL the indexer at each stage of a build: the live index is still the old build or the new one, whole,
// and the engine answers from it. (The stress suite does this 30+ times at random moments.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { checkLive, readLock, runIndexer, seedSets, type KillPlan, type SeedSet } from '../helpers/kill-harness.ts';
import { MODELS_DIR, TEST_MODEL, tempDir } from '../helpers/temp-corpus.ts';

let sets: [SeedSet, SeedSet];
let indexDir: string;
let engine: Engine;
let embedder: Embedder;

beforeAll(async () => {
  sets = seedSets(1);
  indexDir = tempDir('citebot-index-');
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
  await buildIndex({ seedsDir: sets[0].dir, indexDir, modelsDir: MODELS_DIR, embedder, full: true });
  engine = await openEngine({ seedsDir: sets[0].dir, indexDir, modelsDir: MODELS_DIR, model: TEST_MODEL, log: () => {} });
});
afterAll(async () => {
  await engine?.close();
  await embedder?.close();
});

describe('an indexer killed mid-build', () => {
  it('leaves the old index or the new one, never a mix, at every stage; the next build takes over its lock', async () => {
    const plans: KillPlan[] = [
      { afterMs: 300 }, // still starting up
      { stage: 'embedding', stageDelayMs: 0 },
      { stage: 'indexing', stageDelayMs: 0 },
      { stage: 'writing', stageDelayMs: 0 },
      { stage: 'writing', stageDelayMs: 15 },
    ];
    let live = await checkLive(indexDir, sets, engine);
    expect(live.set.name).toBe('A');
    let kills = 0;
    for (const [i, plan] of plans.entries()) {
      const set = sets[(i + 1) % 2]!;
      const run = await runIndexer(set.dir, indexDir, plan);
      expect(run.stderr).not.toMatch(/another indexer/); // a killed indexer's lock is taken over
      if (run.killed) kills++;
      const after = await checkLive(indexDir, sets, engine);
      // Old, or (only if the kill came after the swap) the new build of `set`.
      if (after.version !== live.version) expect(after.set.name).toBe(set.name);
      if (!run.killed) expect(after.set.name).toBe(set.name);
      expect(after.leftovers.length).toBeLessThanOrEqual(3);
      // Killed before its swap, the indexer still held its lock (after the swap it may already have let go).
      if (run.killed && run.stageAtKill !== 'startup' && after.version === live.version) expect(readLock(indexDir)).toMatch(/^\d+$/);
      live = after;
    }
    expect(kills).toBeGreaterThanOrEqual(4);
    // An uninterrupted build (in-process here, to save a start-up) afterwards swaps in cleanly and clears what the killed ones left.
    const other = sets.find((s) => s.name !== live.set.name)!;
    await buildIndex({ seedsDir: other.dir, indexDir, modelsDir: MODELS_DIR, embedder, full: true });
    const final = await checkLive(indexDir, sets, engine);
    expect(final.set.name).toBe(other.name);
    expect(final.leftovers.length).toBeLessThanOrEqual(1); // the previous version, kept for readers still loading it
    expect(final.lockLeft).toBe(false);
  });
});
