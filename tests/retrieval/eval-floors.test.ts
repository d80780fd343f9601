// The CSTO question sets must not regress: these floors sit just under the figures `npm run eval` reports.
// seed.jsonl tuned the engine; seed-holdout.jsonl was written later, without looking at the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { evaluate, parseEvalFile } from '../../retrieval/evaluate.ts';
import { engineOptions, PROJECT_ROOT, tempSeeds } from '../helpers/temp-corpus.ts';

const FLOORS = {
  'tests/eval/seed.jsonl': { hitAt1: 0.82, hitAt5: 0.9, abstentionAccuracy: 0.9, answerRate: 0.9, maxMeanQuoteLength: 250 },
  'tests/eval/seed-holdout.jsonl': { hitAt1: 0.6, hitAt5: 0.85, abstentionAccuracy: 0.85, answerRate: 0.9, maxMeanQuoteLength: 250 },
};

let engine: Engine;
let seeds: string;
beforeAll(async () => {
  seeds = tempSeeds({}, true);
  engine = await openOrBuildEngine({ ...engineOptions(seeds), log: () => {} });
});
afterAll(() => engine.close());

describe.each(Object.entries(FLOORS))('the CSTO question set %s', (file, floors) => {
  it('stays above its quality floors', async () => {
    const cases = parseEvalFile(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const report = await evaluate(engine, cases, (source) => readFileSync(join(seeds, source), 'utf8'));
    expect(report.hitAt1).toBeGreaterThanOrEqual(floors.hitAt1);
    expect(report.hitAt5).toBeGreaterThanOrEqual(floors.hitAt5);
    expect(report.abstentionAccuracy).toBeGreaterThanOrEqual(floors.abstentionAccuracy);
    expect(report.answerRate).toBeGreaterThanOrEqual(floors.answerRate);
    expect(report.meanQuoteLength).toBeLessThanOrEqual(floors.maxMeanQuoteLength);
  });
});

describe('parseEvalFile', () => {
  it('names the line that is not a valid case', () => {
    expect(() => parseEvalFile('{"question":"q","expect":null}\n{"question":')).toThrow('line 2 is not valid JSON');
    expect(() => parseEvalFile('{"q":1}')).toThrow(/line 1 needs/);
  });
});
