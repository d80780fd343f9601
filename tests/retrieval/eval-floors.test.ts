// Answer quality must not regress: each corpus's development set stays above floors set a few points under what
// `npm run eval` reports. Held-out sets are for reports only, never for floors (a floor is something tuned to).
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../retrieval/engine.ts';
import { evaluate, parseEvalFile } from '../../retrieval/evaluate.ts';
import { CORPORA, prepareCorpus, questions, type Corpus } from '../corpus/corpora.ts';
import { MODELS_DIR, TEST_MODEL, tempDir } from '../helpers/temp-corpus.ts';

interface Floors {
  hitAt1: number;
  hitAt5: number;
  abstentionAccuracy: number;
  answerRate: number;
  maxMeanQuoteLength: number;
}

// Measured with the weights of `npm run tune` at this commit, offline model (hit@1 / hit@5 / abstains / answers /
// mean quote): article 43 / 45 / 91 / 47 % / 211 chars; mixed 45 / 62 / 67 / 87 % / 187; discordjs 22 / 42 / 79 /
// 78 % / 156 (abstains 71-79 %, a question either way); pino 36 / 47 / 71 / 64 % / 168. The test prints the figures of each run.
const FLOORS: Record<Corpus['name'], Floors> = {
  article: { hitAt1: 0.38, hitAt5: 0.4, abstentionAccuracy: 0.85, answerRate: 0.42, maxMeanQuoteLength: 230 },
  mixed: { hitAt1: 0.4, hitAt5: 0.57, abstentionAccuracy: 0.6, answerRate: 0.82, maxMeanQuoteLength: 215 },
  discordjs: { hitAt1: 0.17, hitAt5: 0.37, abstentionAccuracy: 0.64, answerRate: 0.7, maxMeanQuoteLength: 185 },
  pino: { hitAt1: 0.3, hitAt5: 0.4, abstentionAccuracy: 0.64, answerRate: 0.56, maxMeanQuoteLength: 200 },
};

const work = tempDir('citebot-eval-');
const figures: string[] = [];
afterAll(() => console.log(figures.join('\n')));

describe.each(CORPORA.map((corpus) => [corpus.name, corpus] as const))('the %s development set', (_name, corpus) => {
  it('stays above its quality floors', { timeout: 180_000 }, async () => {
    const cases = questions(corpus, 'dev');
    expect(cases.length).toBeGreaterThanOrEqual(25);
    const prepared = await prepareCorpus(corpus, work, { modelsDir: MODELS_DIR, model: TEST_MODEL });
    const engine = await openEngine({ seedsDir: prepared.seedsDir, indexDir: prepared.indexDir, modelsDir: MODELS_DIR, model: TEST_MODEL, log: () => {} });
    const report = await evaluate(engine, cases, prepared.read).finally(() => engine.close());
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    figures.push(`${corpus.name.padEnd(10)} hit@1 ${pct(report.hitAt1)}  hit@5 ${pct(report.hitAt5)}  abstains ${pct(report.abstentionAccuracy)}  answers ${pct(report.answerRate)}  quote ${Math.round(report.meanQuoteLength)} chars`);
    const floors = FLOORS[corpus.name];
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
