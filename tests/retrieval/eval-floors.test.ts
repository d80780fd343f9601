// The CSTO question set must not regress: these floors sit just under the figures `npm run eval` reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { evaluate, parseEvalFile } from '../../retrieval/evaluate.ts';
import { engineOptions, PROJECT_ROOT, tempSeeds } from '../helpers/temp-corpus.ts';

const FLOORS = { hitAt1: 0.72, hitAt5: 0.8, abstentionAccuracy: 0.8, answerRate: 0.8, maxMeanQuoteLength: 250 };

let engine: Engine;
let seeds: string;
beforeAll(async () => {
  seeds = tempSeeds({}, true);
  engine = await openEngine({ ...engineOptions(seeds), log: () => {} });
});
afterAll(() => engine.close());

describe('the CSTO question set (tests/eval/seed.jsonl)', () => {
  it('stays above its quality floors', async () => {
    const cases = parseEvalFile(readFileSync(join(PROJECT_ROOT, 'tests/eval/seed.jsonl'), 'utf8'));
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const report = await evaluate(engine, cases, (source) => readFileSync(join(seeds, source), 'utf8'));
    expect(report.hitAt1).toBeGreaterThanOrEqual(FLOORS.hitAt1);
    expect(report.hitAt5).toBeGreaterThanOrEqual(FLOORS.hitAt5);
    expect(report.abstentionAccuracy).toBeGreaterThanOrEqual(FLOORS.abstentionAccuracy);
    expect(report.answerRate).toBeGreaterThanOrEqual(FLOORS.answerRate);
    expect(report.meanQuoteLength).toBeLessThanOrEqual(FLOORS.maxMeanQuoteLength);
  });
});

describe('parseEvalFile', () => {
  it('names the line that is not a valid case', () => {
    expect(() => parseEvalFile('{"question":"q","expect":null}\n{"question":')).toThrow('line 2 is not valid JSON');
    expect(() => parseEvalFile('{"q":1}')).toThrow(/line 1 needs/);
  });
});
