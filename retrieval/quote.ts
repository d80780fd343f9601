// Picks the sentence or two inside a passage that answer the question: a verbatim span of the source.
import type { Passage } from '../index/store-format.ts';
import { terms } from '../index/text/terms.ts';

export const MAX_QUOTE_CHARS = 300;

export interface QuoteSpan {
  charStart: number;
  charEnd: number;
  /** Share of the question's weight the span holds, 0..1. */
  coverage: number;
}

type Span = [number, number];

/**
 * weights: each question term's importance (idf). The best-covering sentence wins; a neighbour joins it when
 * it adds matched words and the pair still fits, and a sentence too long to quote is cut to its best clauses.
 */
export function pickQuote(passage: Passage, allWeights: Map<string, number>, coveredByTitle: Set<string> = new Set()): QuoteSpan {
  const total = [...allWeights.values()].reduce((a, b) => a + b, 0) || 1;
  let titleCredit = 0;
  for (const t of coveredByTitle) titleCredit += allWeights.get(t) ?? 0;
  const weights = new Map([...allWeights].filter(([t]) => !coveredByTitle.has(t)));
  const sentenceTerms = passage.sentences.map((s) => new Set(terms(slice(passage, s))));
  const scoreOf = (set: Set<string>) => {
    let score = 0;
    for (const [term, weight] of weights) if (set.has(term)) score += weight;
    return score;
  };
  let best = 0;
  let bestScore = -1;
  sentenceTerms.forEach((set, i) => {
    const score = scoreOf(set);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  let span: Span = [...passage.sentences[best]!];
  let matched = new Set([...sentenceTerms[best]!].filter((t) => weights.has(t)));
  for (const neighbour of [best + 1, best - 1]) {
    const other = passage.sentences[neighbour];
    if (!other) continue;
    const joined: Span = [Math.min(span[0], other[0]), Math.max(span[1], other[1])];
    const adds = [...sentenceTerms[neighbour]!].filter((t) => weights.has(t) && !matched.has(t));
    const short = span[1] - span[0] < 60;
    if ((adds.length > 0 || short) && joined[1] - joined[0] <= MAX_QUOTE_CHARS) {
      span = joined;
      matched = new Set([...matched, ...adds]);
    }
  }
  if (span[1] - span[0] > MAX_QUOTE_CHARS) span = bestClauses(passage, span, weights);
  const coverage = (scoreOf(new Set(terms(slice(passage, span)))) + titleCredit) / total;
  return { charStart: span[0], charEnd: span[1], coverage };
}

/** The run of clauses (split at , ; : and dashes) under the length cap holding the most question weight. */
function bestClauses(passage: Passage, span: Span, weights: Map<string, number>): Span {
  const text = slice(passage, span);
  const cuts = [0];
  for (const m of text.matchAll(/[,;:—–]\s+|\s+-+\s+/g)) cuts.push(m.index + m[0].length);
  cuts.push(text.length);
  let best: Span = wordCut(text, 0, MAX_QUOTE_CHARS);
  let bestScore = -1;
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length && cuts[j]! - cuts[i]! <= MAX_QUOTE_CHARS; j++) {
      const piece = text.slice(cuts[i], cuts[j]);
      let score = 0;
      const set = new Set(terms(piece));
      for (const [term, weight] of weights) if (set.has(term)) score += weight;
      if (score > bestScore) [best, bestScore] = [[cuts[i]!, cuts[j]!], score];
    }
  }
  if (bestScore <= 0) best = wordCut(text, 0, MAX_QUOTE_CHARS);
  const trimmed = trimSpan(text, best);
  return [span[0] + trimmed[0], span[0] + trimmed[1]];
}

function wordCut(text: string, start: number, max: number): Span {
  const end = text.lastIndexOf(' ', start + max);
  return [start, end > start ? end : start + max];
}

function trimSpan(text: string, [s, e]: Span): Span {
  while (s < e && /[\s,;:—–-]/.test(text[s]!)) s++;
  while (e > s && /[\s,;:—–-]/.test(text[e - 1]!)) e--;
  return [s, e];
}

function slice(passage: Passage, [s, e]: Span): string {
  return passage.text.slice(s - passage.charStart, e - passage.charStart);
}
