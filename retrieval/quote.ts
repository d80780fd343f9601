// Picks the sentence or two inside a passage that answer the question: a verbatim span of the source.
import type { Passage } from '../store/format.ts';
import { maxInto, type Match, type TermMatcher } from './term-match.ts';

export const MAX_QUOTE_CHARS = 300;
/** A sentence this short rarely stands alone ("It is."): its neighbour joins it. */
const SHORT_SENTENCE = 60;
/** Shortest clause run worth quoting on its own. */
const MIN_RUN = 80;

export interface QuoteSpan {
  charStart: number;
  charEnd: number;
  /** Credit per question term (see TermMatcher). */
  credits: Float32Array;
  /** Share of the question's weight the span holds, 0..1. */
  coverage: number;
  /** Coverage of the sentence the quote grew from, without its neighbours. */
  core: number;
  /** See Match.similarity (of that sentence). */
  similarity: number;
}

type Span = [number, number];

/**
 * One quote per sentence of the passage. `sentences`: how each sentence meets the question; `given`: credits the
 * passage has anyway (question words its document's title holds). A neighbour joins a sentence when it adds
 * question weight, or the sentence is too short to stand alone, and the pair still fits.
 */
export function sentenceQuotes(passage: Passage, sentences: Match[], given: Float32Array, matcher: TermMatcher): QuoteSpan[] {
  const withGiven = sentences.map((m) => maxInto(Float32Array.from(m.credits), given));
  return sentences.map((match, k) => {
    let span: Span = [...passage.sentences[k]!];
    let credits = withGiven[k]!;
    for (const neighbour of [k + 1, k - 1]) {
      const other = passage.sentences[neighbour];
      if (!other) continue;
      const joined: Span = [Math.min(span[0], other[0]), Math.max(span[1], other[1])];
      const joinedCredits = maxInto(Float32Array.from(credits), withGiven[neighbour]!);
      const adds = matcher.coverage(joinedCredits) - matcher.coverage(credits) > 0.05;
      // A question in the text is answered by the sentence after it.
      const answers = neighbour === k + 1 && /\?["”’)]*$/.test(slice(passage, passage.sentences[k]!));
      if ((adds || answers || span[1] - span[0] < SHORT_SENTENCE) && joined[1] - joined[0] <= MAX_QUOTE_CHARS) {
        span = joined;
        credits = joinedCredits;
      }
    }
    const core = matcher.coverage(withGiven[k]!);
    return { charStart: span[0], charEnd: span[1], credits, coverage: matcher.coverage(credits), core, similarity: match.similarity };
  });
}

/** The quote itself when it fits the length cap, else its best clauses. */
export function fitQuote(passage: Passage, quote: QuoteSpan, given: Float32Array, matcher: TermMatcher): QuoteSpan {
  if (quote.charEnd - quote.charStart <= MAX_QUOTE_CHARS) return quote;
  const span = bestClauses(passage, [quote.charStart, quote.charEnd], matcher, given);
  const m = matcher.matchText(slice(passage, span));
  const credits = maxInto(m.credits, given);
  const coverage = matcher.coverage(credits);
  return { charStart: span[0], charEnd: span[1], credits, coverage, core: coverage, similarity: m.similarity };
}

/**
 * The run of clauses (split at , ; : and dashes) under the length cap holding the most question weight; runs
 * shorter than MIN_RUN only when nothing longer fits, so a quote is never a stray fragment. A sentence without
 * usable clause breaks is cut into word-bounded windows instead.
 */
function bestClauses(passage: Passage, span: Span, matcher: TermMatcher, given: Float32Array): Span {
  const text = slice(passage, span);
  const cuts = [0];
  for (const m of text.matchAll(/[,;:—–]\s+|\s+-+\s+/g)) cuts.push(m.index + m[0].length);
  cuts.push(text.length);
  const runs: Span[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length && cuts[j]! - cuts[i]! <= MAX_QUOTE_CHARS; j++) {
      if (cuts[j]! - cuts[i]! >= MIN_RUN) runs.push([cuts[i]!, cuts[j]!]);
    }
  }
  if (runs.length === 0) {
    for (const m of text.matchAll(/(?:^|\s)(?=\S)/g)) {
      const start = m.index + m[0].length;
      runs.push(wordCut(text, start, MAX_QUOTE_CHARS));
      if (start + MAX_QUOTE_CHARS >= text.length) break;
    }
  }
  let best = runs[0] ?? wordCut(text, 0, MAX_QUOTE_CHARS);
  let bestScore = -1;
  const words = matcher.termIds(text);
  for (const run of runs) {
    const ids = words.ids.filter((_, w) => words.at[w]! >= run[0] && words.at[w]! < run[1]);
    const score = matcher.coverage(maxInto(matcher.match(ids, 1).credits, given));
    // Strictly better only: a longer run must bring more of the question to win.
    if (score > bestScore + 1e-6) [best, bestScore] = [run, score];
  }
  const trimmed = trimSpan(text, best);
  return [span[0] + trimmed[0], span[0] + trimmed[1]];
}

/**
 * At most `max` UTF-16 units from `start`, ending at a space; in a run with no space, at the end of a
 * character as the reader sees it (never splitting 👍🏽 or é written as e + accent), or failing that of a code point.
 */
export function wordCut(text: string, start: number, max: number): Span {
  if (start + max >= text.length) return [start, text.length];
  const space = text.lastIndexOf(' ', start + max);
  if (space > start) return [start, space];
  const end = start + max;
  const grapheme = lastGraphemeEnd(text, start, end);
  if (grapheme > start) return [start, grapheme];
  return [start, /[\uD800-\uDBFF]/.test(text[end - 1]!) && end - 1 > start ? end - 1 : end];
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last boundary between user-perceived characters in (start, end], or start if there is none. */
function lastGraphemeEnd(text: string, start: number, end: number): number {
  const from = Math.max(start, end - 64); // a cluster longer than this is cut between code points
  let last = start;
  for (const { index } of GRAPHEMES.segment(text.slice(from, end + 16))) {
    const at = from + index;
    if (at > end) break;
    if (at > start && (at > from || from === start)) last = at;
  }
  return last;
}

/** Without the punctuation at its ends, nor a leading "and"/"but" that joined it to the clause before. */
function trimSpan(text: string, [s, e]: Span): Span {
  while (s < e && /[\s,;:—–-]/.test(text[s]!)) s++;
  s += /^(?:and|or|but|yet|nor|so)\s+/i.exec(text.slice(s, e))?.[0].length ?? 0;
  while (e > s && /[\s,;:—–-]/.test(text[e - 1]!)) e--;
  return [s, e];
}

function slice(passage: Passage, [s, e]: Span): string {
  return passage.text.slice(s - passage.charStart, e - passage.charStart);
}
