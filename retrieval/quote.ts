// The quote a ranked unit gives: the unit itself, joined by a neighbouring sentence of its paragraph when that
// adds to the answer or the unit is too short to stand alone, and a long sentence cut to its best clauses.
// A quote is always an exact span of the source, with the display text people read for it.
import { sourceEnd, sourceStart } from '../loaders/display.ts';
import type { Passage, UnitKind } from '../store/format.ts';
import type { Lexicon } from './lexicon.ts';
import type { RankedUnit } from './rank.ts';
import { maxInto, type TermMatcher } from './term-match.ts';

export const MAX_QUOTE_CHARS = 300;
/** A sentence this short rarely stands alone ("It is."): its neighbour joins it. */
const SHORT_SENTENCE = 60;
/** Shortest clause run worth quoting on its own. */
const MIN_RUN = 80;

export interface Quote {
  /** Source span. */
  start: number;
  end: number;
  /** Span of the passage's display text. */
  displayStart: number;
  displayEnd: number;
  kind: UnitKind;
  language?: string;
  /** Credit per question term (see TermMatcher). */
  credits: Float32Array;
  /** The quote starts or ends inside a sentence (a long one cut to its best clauses). */
  clipped?: { start: boolean; end: boolean };
}

type Span = [number, number];

export function quoteFor(r: RankedUnit, matcher: TermMatcher, lexicon: Lexicon): Quote {
  const { passage } = r;
  const unit = passage.units[r.unit]!;
  const whole = (credits: Float32Array): Quote => ({
    start: unit.start,
    end: unit.end,
    displayStart: unit.displayStart,
    displayEnd: unit.displayEnd,
    kind: unit.kind,
    ...(unit.language !== undefined && { language: unit.language }),
    credits,
  });
  let credits: Float32Array = Float32Array.from(r.match.credits);
  if (unit.kind !== 'prose') return whole(credits);
  let [first, last] = [r.unit, r.unit];
  const displayOf = (a: number, b: number) => passage.display.slice(passage.units[a]!.displayStart, passage.units[b]!.displayEnd);
  for (const j of [r.unit + 1, r.unit - 1]) {
    const other = passage.units[j];
    if (!other || other.kind !== 'prose' || other.block !== unit.block) continue;
    const [a, b] = [Math.min(first, j), Math.max(last, j)];
    if (displayOf(a, b).length > MAX_QUOTE_CHARS) continue;
    const joined = maxInto(Float32Array.from(credits), matcher.match(lexicon.unit(r.position, j), lexicon.unitNorm(r.position, j)).credits);
    const adds = matcher.coverage(joined) - matcher.coverage(credits) > 0.05;
    // A question in the text is answered by the sentence after it.
    const answers = j === r.unit + 1 && /\?["”’)]*$/.test(displayOf(r.unit, r.unit));
    if (adds || answers || displayOf(first, last).length < SHORT_SENTENCE) {
      [first, last, credits] = [a, b, joined];
    }
  }
  const [u, v] = [passage.units[first]!, passage.units[last]!];
  if (v.displayEnd - u.displayStart <= MAX_QUOTE_CHARS) {
    return { ...whole(credits), start: u.start, end: v.end, displayStart: u.displayStart, displayEnd: v.displayEnd };
  }
  const [ds, de] = bestClauses(passage, [unit.displayStart, unit.displayEnd], matcher);
  const display = { text: passage.display, runs: passage.runs };
  // The clauses' own words, and what the title and headings give every unit of the passage.
  const clauses = maxInto(matcher.matchText(passage.display.slice(ds, de)).credits, r.headings);
  const clipped = { start: ds > unit.displayStart, end: de < unit.displayEnd };
  return { ...whole(clauses), start: sourceStart(display, ds), end: sourceEnd(display, de), displayStart: ds, displayEnd: de, clipped };
}

/**
 * The run of clauses (split at , ; : and dashes) under the length cap holding the most question weight; runs
 * shorter than MIN_RUN only when nothing longer fits, so a quote is never a stray fragment. A sentence without
 * usable clause breaks is cut into word-bounded windows instead. Spans are of the passage's display text.
 */
function bestClauses(passage: Passage, span: Span, matcher: TermMatcher): Span {
  const text = passage.display.slice(span[0], span[1]);
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
    const score = matcher.coverage(matcher.match(ids, 1).credits);
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
