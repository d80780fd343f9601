// npm run tune [-- --dry-run] [--quick] [--structure]: fits the ranking weights and the abstention model on the development question sets of all four
// corpora together, reports leave-one-corpus-out figures (fitted on three corpora, measured on the fourth) and
// what each feature adds, and writes retrieval/weights.json. Held-out sets are never read here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEmbedder } from '../../embedding/embedder.ts';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { loadSynonyms } from '../../language/english/synonyms.ts';
import type { EvalCase } from '../../retrieval/evaluate.ts';
import { FEATURE_NAMES, type FeatureName } from '../../retrieval/features/index.ts';
import { loadIndex, type LoadedIndex } from '../../retrieval/loaded-index.ts';
import { analyseQuestion, type Query } from '../../retrieval/query.ts';
import { quoteFor } from '../../retrieval/quote.ts';
import { rankQuery } from '../../retrieval/rank.ts';
import { WEIGHTS, type Weights } from '../../retrieval/weights.ts';
import { CORPORA, prepareCorpus, questions, type PreparedCorpus } from '../corpus/corpora.ts';
import { PROJECT_ROOT } from '../helpers/temp-corpus.ts';

const { values: args } = parseArgs({ options: { model: { type: 'string' }, 'dry-run': { type: 'boolean' }, quick: { type: 'boolean' }, structure: { type: 'boolean' } } });
const model = args.model ?? OFFLINE_MODEL;
const modelsDir = join(PROJECT_ROOT, 'data/models');
const log = (m: string) => process.stderr.write(m + '\n');

/** One question's candidate units: feature rows, which units are right, and the abstention evidence inputs. */
interface Sample {
  corpus: string;
  answerable: boolean;
  /** Row-major: units x features. */
  features: Float64Array[];
  hits: boolean[];
  /** Per unit: its coverage and rare coverage, for the abstention model. */
  coverages: Array<[number, number]>;
  missing: number;
  missingNames: number;
}

interface Loaded {
  prepared: PreparedCorpus;
  index: LoadedIndex;
  cases: EvalCase[];
  queries: Query[];
}

const SIMILARITY = FEATURE_NAMES.indexOf('passageSimilarity');

async function loadAll(): Promise<Loaded[]> {
  const embedder = await loadEmbedder({ model, cacheDir: modelsDir, fallback: false });
  const synonyms = loadSynonyms(modelsDir);
  const embed = async (t: string) => (await embedder.embed([t]))[0] ?? null;
  const out: Loaded[] = [];
  for (const corpus of CORPORA) {
    const prepared = await prepareCorpus(corpus, join(PROJECT_ROOT, 'data/corpora', model.replace(/\W+/g, '-')), { modelsDir, model, log });
    const index = loadIndex(prepared.indexDir, synonyms);
    const cases = questions(corpus, 'dev');
    const queries: Query[] = [];
    for (const c of cases) queries.push(await analyseQuestion(index, embed, c.question));
    out.push({ prepared, index, cases, queries });
  }
  await embedder.close();
  return out;
}

function samplesOf(all: Loaded[], weights: Weights): Sample[] {
  const samples: Sample[] = [];
  for (const { prepared, index, cases, queries } of all) {
    cases.forEach((c, i) => {
      const ranking = rankQuery(index, queries[i]!, weights);
      const text = c.expect ? prepared.read(c.expect.source!) : '';
      const at = c.expect ? text.indexOf(c.expect.quote) : -1;
      const [es, ee] = [at, at + (c.expect?.quote.length ?? 0)];
      samples.push({
        corpus: prepared.corpus.name,
        answerable: c.expect !== null,
        features: ranking.units.map((u) => u.features),
        hits: ranking.units.map((u) => {
          if (!c.expect || u.passage.source !== c.expect.source || at < 0) return false;
          const unit = u.passage.units[u.unit]!;
          const overlap = Math.min(ee, unit.end) - Math.max(es, unit.start);
          return overlap >= 0.5 * Math.min(ee - es, unit.end - unit.start);
        }),
        // What the abstention model sees in production: the quote the unit gives (a neighbour may join it).
        coverages: ranking.units.map((u) => {
          const { credits } = quoteFor(u, ranking.context.matcher, index.lexicon);
          return [ranking.context.matcher.coverage(credits), ranking.context.matcher.rareCoverage(credits)];
        }),
        missing: ranking.query.missing,
        missingNames: ranking.query.missingNames,
      });
    });
  }
  return samples;
}

type FeatureWeights = Record<FeatureName, number>;

/** Ranks of the right units under the weights: hit@1 and hit@5 per corpus, averaged over corpora. */
function rankingScore(samples: Sample[], w: FeatureWeights): { score: number; byCorpus: Map<string, { at1: number; at5: number; n: number }> } {
  const vector = FEATURE_NAMES.map((n) => w[n]);
  const byCorpus = new Map<string, { at1: number; at5: number; n: number }>();
  for (const s of samples) {
    if (!s.answerable) continue;
    const scores = s.features.map((f) => dot(f, vector));
    const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    const rank = order.slice(0, 5).findIndex((i) => s.hits[i]);
    const c = byCorpus.get(s.corpus) ?? { at1: 0, at5: 0, n: 0 };
    c.n++;
    if (rank === 0) c.at1++;
    if (rank >= 0) c.at5++;
    byCorpus.set(s.corpus, c);
  }
  let score = 0;
  for (const c of byCorpus.values()) score += (c.at1 / c.n + c.at5 / c.n) / 2 / byCorpus.size;
  return { score, byCorpus };
}

function dot(a: Float64Array, b: number[]): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += a[i]! * b[i]!;
  return s;
}

const GRID = [-1, -0.5, -0.25, -0.1, -0.05, 0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3];

/** Coordinate ascent over the feature weights (coverage fixed at 1: scores only matter up to scale). */
function fitFeatures(samples: Sample[], start: FeatureWeights, fixed: Partial<FeatureWeights> = {}): FeatureWeights {
  const w = { ...start, ...fixed, coverage: 1 };
  let best = rankingScore(samples, w).score;
  for (let round = 0; round < 6; round++) {
    let improved = false;
    for (const name of FEATURE_NAMES) {
      if (name === 'coverage' || name in fixed) continue;
      for (const value of GRID) {
        const trial = { ...w, [name]: value };
        const score = rankingScore(samples, trial).score;
        if (score > best + 1e-9) [best, w[name], improved] = [score, value, true];
      }
    }
    if (!improved) break;
  }
  return w;
}

/** The top unit's abstention evidence under the weights. */
function evidence(samples: Sample[], w: FeatureWeights): Array<{ x: number[]; answerable: boolean; corpus: string }> {
  const vector = FEATURE_NAMES.map((n) => w[n]);
  return samples.map((s) => {
    let best = -1;
    let bestScore = -Infinity;
    s.features.forEach((f, i) => {
      const score = dot(f, vector);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    const f = s.features[best];
    const [coverage, rare] = s.coverages[best] ?? [0, 0];
    return { x: [coverage, rare, f?.[SIMILARITY] ?? 0, s.missing - s.missingNames, s.missingNames], answerable: s.answerable, corpus: s.corpus };
  });
}

/** Logistic regression, each corpus and within it each class weighing the same; then the bias that best balances them. */
function fitAbstain(points: ReturnType<typeof evidence>): Weights['abstain'] {
  const corpora = [...new Set(points.map((p) => p.corpus))];
  const weightOf = (p: (typeof points)[number]) => {
    const same = points.filter((q) => q.corpus === p.corpus && q.answerable === p.answerable).length;
    return 1 / (corpora.length * 2 * Math.max(same, 1));
  };
  const pw = points.map(weightOf);
  const dims = points[0]?.x.length ?? 0;
  let b = 0;
  const a = new Array<number>(dims).fill(0);
  const lr = 0.5;
  for (let step = 0; step < 4000; step++) {
    let gb = 0;
    const g = new Array<number>(dims).fill(0);
    points.forEach((p, i) => {
      const z = b + p.x.reduce((sum, v, d) => sum + a[d]! * v, 0);
      const err = (1 / (1 + Math.exp(-z)) - (p.answerable ? 1 : 0)) * pw[i]!;
      gb += err;
      p.x.forEach((v, d) => (g[d] = g[d]! + err * v));
    });
    b -= lr * gb;
    for (let d = 0; d < dims; d++) a[d] = a[d]! - lr * (g[d]! + 0.001 * a[d]!);
  }
  const model = (bias: number): Weights['abstain'] => ({ bias, coverage: a[0]!, rareCoverage: a[1]!, passageSimilarity: a[2]!, missing: a[3]!, missingNames: a[4]! });
  // The boundary: the bias maximising the worst corpus's balanced accuracy, then the mean.
  let bestBias = b;
  let best = -Infinity;
  for (let shift = -3; shift <= 3; shift += 0.05) {
    const r = abstainFigures(points, model(b + shift));
    const values = [...r.values()].map((c) => (c.declines + c.answers) / 2);
    const score = Math.min(...values) + values.reduce((x, y) => x + y, 0) / values.length;
    if (score > best + 1e-9) [best, bestBias] = [score, b + shift];
  }
  const m = model(bestBias);
  return { bias: round(m.bias), coverage: round(m.coverage), rareCoverage: round(m.rareCoverage), passageSimilarity: round(m.passageSimilarity), missing: round(m.missing), missingNames: round(m.missingNames) };
}

function abstainFigures(points: ReturnType<typeof evidence>, m: Weights['abstain']): Map<string, { declines: number; answers: number }> {
  const out = new Map<string, { declines: number; answers: number; u: number; a: number }>();
  for (const p of points) {
    const z = m.bias + m.coverage * p.x[0]! + m.rareCoverage * p.x[1]! + m.passageSimilarity * p.x[2]! + m.missing * p.x[3]! + m.missingNames * p.x[4]!;
    const c = out.get(p.corpus) ?? { declines: 0, answers: 0, u: 0, a: 0 };
    if (p.answerable) {
      c.a++;
      if (z >= 0) c.answers++;
    } else {
      c.u++;
      if (z < 0) c.declines++;
    }
    out.set(p.corpus, c);
  }
  return new Map([...out].map(([k, c]) => [k, { declines: c.u ? c.declines / c.u : 1, answers: c.a ? c.answers / c.a : 1 }]));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Leave-one-corpus-out: fitted on the others, measured on each. */
function leaveOneOut(samples: Sample[], start: FeatureWeights, fixed: Partial<FeatureWeights> = {}) {
  const rows: Array<{ corpus: string; at1: number; at5: number; declines: number; answers: number }> = [];
  for (const corpus of CORPORA.map((c) => c.name)) {
    const train = samples.filter((s) => s.corpus !== corpus);
    const test = samples.filter((s) => s.corpus === corpus);
    const w = fitFeatures(train, start, fixed);
    const abstain = fitAbstain(evidence(train, w));
    const r = rankingScore(test, w).byCorpus.get(corpus)!;
    const a = abstainFigures(evidence(test, w), abstain).get(corpus)!;
    rows.push({ corpus, at1: r.at1 / r.n, at5: r.at5 / r.n, declines: a.declines, answers: a.answers });
  }
  return rows;
}

const meanOf = (rows: Array<{ at1: number; at5: number }>) => rows.reduce((a, r) => a + (r.at1 + r.at5) / 2, 0) / rows.length;

const all = await loadAll();
log('features...');
let weights: Weights = structuredClone(WEIGHTS);
let samples = samplesOf(all, weights);
const features = fitFeatures(samples, weights.features);
weights.features = features;
weights.abstain = fitAbstain(evidence(samples, features));

const loco = leaveOneOut(samples, weights.features);
console.log('\nleave-one-corpus-out (units; fitted on the other three corpora):');
for (const r of loco) console.log(`  ${r.corpus.padEnd(10)} first ${pct(r.at1).padStart(4)}  top five ${pct(r.at5).padStart(4)}  declines ${pct(r.declines).padStart(4)}  answers ${pct(r.answers).padStart(4)}`);
if (!args.quick) {
  console.log('\nwhat each feature adds to the left-out figures (mean of first and top five over corpora):');
  const base = meanOf(loco);
  for (const name of FEATURE_NAMES) {
    if (name === 'coverage') continue;
    const without = meanOf(leaveOneOut(samples, weights.features, { [name]: 0 }));
    console.log(`  ${name.padEnd(18)} ${((base - without) * 100).toFixed(1).padStart(5)} points`);
  }
}
console.log('\nfitted on all four:', JSON.stringify(weights.features), JSON.stringify(weights.abstain));
if (!args['dry-run']) {
  writeFileSync(join(PROJECT_ROOT, 'retrieval/weights.json'), JSON.stringify(weights, null, 2) + '\n');
  console.log('wrote retrieval/weights.json');
}
if (process.env.TUNE_DUMP) {
  const ev = evidence(samples, weights.features);
  for (const corpus of CORPORA.map((c) => c.name)) {
    for (const answerable of [true, false]) {
      const pts = ev.filter((p) => p.corpus === corpus && p.answerable === answerable).map((p) => p.x.map((v) => v.toFixed(2)).join('/'));
      console.log(corpus, answerable ? 'A' : 'U', pts.join('  '));
    }
  }
}

if (args.structure) {
  // Candidate search, BM25F and soft-matching settings, one at a time; each kept only if it raises the left-out mean.
  const settings: Array<[string, (w: Weights, v: number) => void, number[]]> = [
    ['bm25f.title.weight', (w, v) => (w.bm25f.title.weight = v), [0.5, 1, 2, 4]],
    ['bm25f.section.weight', (w, v) => (w.bm25f.section.weight = v), [0.5, 1, 2, 4]],
    ['bm25f.k1', (w, v) => (w.bm25f.k1 = v), [0.8, 1.2, 2]],
    ['soft.from', (w, v) => (w.soft.from = v), [1, 2, 3]],
    ['soft.to', (w, v) => (w.soft.to = v), [4, 6, 9]],
    ['candidates.depth', (w, v) => (w.candidates.depth = v), [20, 40, 80]],
  ];
  let best = meanOf(leaveOneOut(samples, weights.features));
  for (const [name, set, candidates] of settings) {
    for (const value of candidates) {
      const trial = structuredClone(weights);
      set(trial, value);
      const trialSamples = samplesOf(all, trial);
      const score = meanOf(leaveOneOut(trialSamples, trial.features));
      console.log(`  ${name} = ${value}: ${(score * 100).toFixed(1)}`);
      if (score > best + 1e-9) {
        best = score;
        weights = trial;
        samples = trialSamples;
      }
    }
  }
  weights.features = fitFeatures(samples, weights.features);
  weights.abstain = fitAbstain(evidence(samples, weights.features));
  console.log('structure:', JSON.stringify({ bm25f: weights.bm25f, soft: weights.soft, candidates: weights.candidates }));
  if (!args['dry-run']) writeFileSync(join(PROJECT_ROOT, 'retrieval/weights.json'), JSON.stringify(weights, null, 2) + '\n');
}
if (process.env.TUNE_RECALL) {
  for (const corpus of CORPORA.map((c) => c.name)) {
    const answerable = samples.filter((s) => s.corpus === corpus && s.answerable);
    const reachable = answerable.filter((s) => s.hits.some(Boolean)).length;
    const units = answerable.reduce((a, s) => a + s.hits.length, 0) / Math.max(answerable.length, 1);
    console.log(`${corpus}: the right unit is among the candidates for ${reachable}/${answerable.length}; ${units.toFixed(0)} candidate units per question`);
  }
}
if (process.env.TUNE_SWEEP) {
  const ev = evidence(samples, weights.features);
  for (let shift = -1.5; shift <= 1.51; shift += 0.25) {
    const m = { ...weights.abstain, bias: weights.abstain.bias + shift };
    const r = abstainFigures(ev, m);
    console.log(shift.toFixed(2), [...r].map(([k, v]) => `${k} ${pct(v.declines)}/${pct(v.answers)}`).join('  '));
  }
}
