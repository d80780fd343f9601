// Stress: SIGKILL the index CLI 30+ times at random moments of full builds that alternate between two seed sets,
// while an engine keeps reloading and answering; after each kill the live index must be the old build or the
// new one (never a mix), whole, and answer from that build. Then pairs of indexers started at once.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { median, printTable } from '../helpers/index-check.ts';
import { buildSeconds, checkLive, QUESTION, runIndexer, seedSets, type KillPlan, type SeedSet } from '../helpers/kill-harness.ts';
import { MODELS_DIR, TEST_MODEL, tempDir } from '../helpers/temp-corpus.ts';

const KILLS = 36;
const SOTU_PER_SET = 70; // ~3-4 M characters a set: a full build takes a few seconds

let sets: [SeedSet, SeedSet];
let indexDir: string;
let engine: Engine;

beforeAll(() => {
  sets = seedSets(SOTU_PER_SET);
  indexDir = tempDir('citebot-index-');
});
afterAll(async () => {
  await engine?.close();
  for (const dir of [indexDir, ...(sets ?? []).map((s) => s.dir)]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Deterministic randomness, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

describe('stress: killing the indexer', () => {
  it(`survives ${KILLS}+ SIGKILLs at random moments: old or new index, never a mix, always answering`, async () => {
    const rand = random(20_240_611);
    const fullRuns: number[] = []; // wall time of uninterrupted CLI runs, ms
    const buildTimes: number[] = []; // the builds' own figure (after start-up), s
    for (const set of sets) {
      const run = await runIndexer(set.dir, indexDir);
      expect(run.code, run.stderr).toBe(0);
      fullRuns.push(run.ms);
      buildTimes.push(buildSeconds(run)!);
    }
    engine = await openEngine({ seedsDir: sets[0].dir, indexDir, modelsDir: MODELS_DIR, model: TEST_MODEL, log: () => {} });
    let live = await checkLive(indexDir, sets, engine);

    // The bot's side meanwhile: reload when the index changes, answer, never fail.
    let polling = true;
    const reader = { reloads: 0, answers: 0, errors: [] as string[], version: engine.info().version };
    const noteVersion = () => {
      if (engine.info().version !== reader.version) reader.reloads++;
      reader.version = engine.info().version;
    };
    const poll = (async () => {
      while (polling) {
        try {
          await engine.reloadIfChanged();
          noteVersion();
          const answer = await engine.answer(QUESTION);
          if (!/amber|cobalt/.test(answer.citations[0]?.quote ?? '')) throw new Error(`answered ${JSON.stringify(answer.citations[0]?.quote)}`);
          reader.answers++;
        } catch (error) {
          reader.errors.push((error as Error).message);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    interface Row { stage: string; outcome: 'old' | 'new'; ms: number }
    const kills: Row[] = [];
    let completed = 0;
    let maxLeftovers = 0;
    let locksTakenOver = 0;
    let lockLeft = false;
    for (let i = 0; kills.length < KILLS && i < KILLS * 2; i++) {
      const set = sets[(i + 1) % 2]!;
      const typical = median(fullRuns);
      // Two in three at a random moment of a typical run (some finish first); one in three just after a stage
      // starts, mostly the write, where the new version is written and swapped in.
      const plan: KillPlan =
        i % 3 === 2
          ? { stage: (['embedding', 'indexing', 'writing', 'writing'] as const)[Math.floor(rand() * 4)], stageDelayMs: Math.floor(rand() * 300) }
          : { afterMs: Math.floor(rand() * typical * 1.15) };
      const run = await runIndexer(set.dir, indexDir, plan);
      expect(run.stderr).not.toMatch(/another indexer/);
      if (lockLeft && (!run.killed || run.stageAtKill !== 'startup')) locksTakenOver++; // it got past the lock
      const after = await checkLive(indexDir, sets, engine);
      noteVersion();
      const outcome = after.version === live.version ? 'old' : 'new';
      if (outcome === 'new') expect(after.set.name).toBe(set.name);
      maxLeftovers = Math.max(maxLeftovers, after.leftovers.length);
      lockLeft = after.lockLeft;
      if (run.killed) kills.push({ stage: run.stageAtKill!, outcome, ms: run.ms });
      else {
        expect(run.code, run.stderr).toBe(0);
        expect(outcome).toBe('new');
        completed++;
        fullRuns.push(run.ms);
        buildTimes.push(buildSeconds(run)!);
      }
      live = after;
    }
    const final = await runIndexer(sets.find((s) => s.name !== live.set.name)!.dir, indexDir);
    expect(final.code, final.stderr).toBe(0);
    buildTimes.push(buildSeconds(final)!);
    fullRuns.push(final.ms);
    const end = await checkLive(indexDir, sets, engine);
    noteVersion();
    polling = false;
    await poll;

    const stages = ['startup', 'reading', 'embedding', 'indexing', 'writing'];
    printTable(
      `SIGKILL at random moments (${kills.length} kills, builds alternating between two seed sets of ${sets[0].sources.length} files)`,
      ['stage at kill', 'kills', 'old index live after', 'new index live after', 'index whole, one build, right answer'],
      [
        ...stages.map((stage) => {
          const k = kills.filter((r) => r.stage === stage);
          return [stage, k.length, k.filter((r) => r.outcome === 'old').length, k.filter((r) => r.outcome === 'new').length, `${k.length}/${k.length}`];
        }),
        ['**all**', kills.length, kills.filter((r) => r.outcome === 'old').length, kills.filter((r) => r.outcome === 'new').length, `${kills.length}/${kills.length}`],
      ],
    );
    printTable(
      'Around the kills',
      ['uninterrupted builds', 'stale locks taken over', 'max leftover folders (live excluded)', 'leftovers after a clean build', 'new versions the engine loaded', 'engine answers while building', 'engine errors'],
      [[completed + 3, locksTakenOver, maxLeftovers, end.leftovers.length, reader.reloads, reader.answers, reader.errors.length]],
    );
    const ms = fullRuns.map((x) => x / 1000);
    printTable('Build times (CLI, --full)', ['runs', 'build min s', 'build median s', 'build max s', 'wall incl. start-up, median s', 'files per set (A/B)', 'characters per set (A/B)'], [
      [
        buildTimes.length,
        Math.min(...buildTimes).toFixed(1),
        median(buildTimes).toFixed(1),
        Math.max(...buildTimes).toFixed(1),
        median(ms).toFixed(1),
        sets.map((s) => s.sources.length).join('/'),
        sets.map((s) => s.chars.toLocaleString('en')).join('/'),
      ],
    ]);
    expect(kills.length).toBeGreaterThanOrEqual(KILLS);
    expect(reader.errors).toEqual([]);
    expect(end.lockLeft).toBe(false);
    expect(end.leftovers.length).toBeLessThanOrEqual(1);
  });

  it('two indexers started at once, 10 times: one builds, the other refuses with one line; the index stays whole', async () => {
    const dir = tempDir('citebot-index-');
    let refused = 0;
    let bothBuilt = 0;
    const messages = new Set<string>();
    let other: Engine | undefined;
    for (let round = 0; round < 10; round++) {
      const runs = await Promise.all([runIndexer(sets[0].dir, dir), runIndexer(sets[1].dir, dir)]);
      expect(runs.some((r) => r.code === 0)).toBe(true);
      for (const r of runs.filter((r) => r.code !== 0)) {
        expect(r.code).toBe(1);
        messages.add(r.stderr.trim().replace(/pid \d+/, 'pid N'));
        refused++;
      }
      if (runs.every((r) => r.code === 0)) bothBuilt++;
      other ??= await openEngine({ seedsDir: sets[0].dir, indexDir: dir, modelsDir: MODELS_DIR, model: TEST_MODEL, log: () => {} });
      await checkLive(dir, sets, other);
    }
    await other?.close();
    rmSync(dir, { recursive: true, force: true });
    printTable('Two indexers started at once', ['rounds', 'second refused', 'both built (one after the other)', 'refusal messages'], [[10, refused, bothBuilt, [...messages].join(' / ')]]);
    expect([...messages]).toEqual(refused ? ['error: another indexer (pid N) is already building this index; wait for it to finish'] : []);
  });
});
