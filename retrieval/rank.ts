// Ranks the units (sentences, code blocks, table rows) of the candidate passages by the weighted sum of the
// ranking features: what every answer, --explain and the tuner share.
import { findCandidates } from './candidates.ts';
import { FEATURE_NAMES, FEATURES } from './features/index.ts';
import type { QuestionContext, UnitCandidate } from './features/types.ts';
import type { LoadedIndex } from './loaded-index.ts';
import { analyseQuestion, type EmbedQuery, type Query } from './query.ts';
import { maxInto, TermMatcher } from './term-match.ts';
import { terms } from '../language/terms.ts';
import type { Passage } from '../store/format.ts';
import type { Weights } from './weights.ts';

export interface RankedUnit extends UnitCandidate {
  /** Feature values, in FEATURE_NAMES order. */
  features: Float64Array;
  score: number;
}

export interface Ranking {
  query: Query;
  context: QuestionContext;
  /** Best first. */
  units: RankedUnit[];
}

export async function rankUnits(index: LoadedIndex, embed: EmbedQuery, question: string, weights: Weights, source?: string): Promise<Ranking> {
  const query = await analyseQuestion(index, embed, question);
  return rankQuery(index, query, weights, source);
}

/** Feature values for every unit of the candidate passages (weights only choose the candidates and soft credits). */
export function rankQuery(index: LoadedIndex, query: Query, weights: Weights, source?: string): Ranking {
  const matcher = new TermMatcher(query.terms, index.lexicon, index.manifest.background.word, weights.soft);
  const candidates = findCandidates(index, query, { depth: weights.candidates.depth, bm25f: weights.bm25f }, source);
  // A unit answers the question words its document's title and its section headings hold: it is about them.
  const headingCredits = new Map<string, Float32Array>();
  const headed = (passage: Passage): Float32Array => {
    const key = `${passage.source}\u0000${passage.section.join('\u0000')}`;
    let credits = headingCredits.get(key);
    if (!credits) {
      const named = new Set([...terms(passage.section.join(' ')), ...(index.titleTerms.get(passage.source) ?? [])]);
      credits = Float32Array.from(query.terms, (t) => (named.has(t.term) ? 1 : 0));
      headingCredits.set(key, credits);
    }
    return credits;
  };
  // Passages overlap by a unit: each unit is judged once, with the better of its passages' scores.
  const byUnit = new Map<string, UnitCandidate>();
  for (const c of candidates) {
    const passage = index.passages[c.position]!;
    passage.units.forEach((u, k) => {
      const key = `${passage.source}\u0000${u.start}`;
      const known = byUnit.get(key);
      if (known && known.bm25 + (known.cosine ?? 0) >= c.bm25 + (c.cosine ?? 0)) return;
      const headings = headed(passage);
      let match = known?.match;
      if (!match) {
        match = matcher.match(index.lexicon.unit(c.position, k), index.lexicon.unitNorm(c.position, k));
        maxInto(match.credits, headings);
      }
      byUnit.set(key, { passage, position: c.position, unit: k, match, headings, withNeighbours: match.credits, bm25: c.bm25, ...(c.cosine !== undefined && { cosine: c.cosine }) });
    });
  }
  const units = [...byUnit.values()];
  for (const u of units) {
    const own = u.passage.units[u.unit]!;
    const beside = [u.unit - 1, u.unit + 1].map((k) => u.passage.units[k]).filter((x) => x?.block === own.block);
    if (beside.length === 0) continue;
    u.withNeighbours = Float32Array.from(u.match.credits);
    for (const x of beside) {
      const known = byUnit.get(`${u.passage.source}\u0000${x!.start}`);
      if (known) maxInto(u.withNeighbours, known.match.credits);
    }
  }
  const context: QuestionContext = {
    query,
    matcher,
    maxBm25: Math.max(0, ...candidates.map((c) => c.bm25)),
    passageBackground: index.manifest.background.passage,
    similarity: spread(units.map((u) => u.match.similarity)),
    titleTerms: index.titleTerms,
    lexicon: index.lexicon,
    passages: index.passages,
  };
  const features = FEATURE_NAMES.map((name) => FEATURES[name]);
  const ranked = units.map((u): RankedUnit => {
    const values = new Float64Array(features.length);
    for (let i = 0; i < features.length; i++) values[i] = features[i]!.value(u, context);
    return Object.assign(u, { features: values, score: scoreOf(values, weights) });
  });
  ranked.sort((a, b) => b.score - a.score || a.position - b.position || a.unit - b.unit);
  return { query, context, units: ranked };
}

export function scoreOf(features: Float64Array, weights: Weights): number {
  let score = 0;
  FEATURE_NAMES.forEach((name, i) => (score += weights.features[name] * features[i]!));
  return score;
}

function spread(values: number[]): { mean: number; std: number } {
  if (values.length === 0) return { mean: 0, std: 1 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.max(Math.sqrt(variance), 1e-3) };
}
