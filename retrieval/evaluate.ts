// Measures answer() on a question set: right quote first, in the top five, abstention, quote length.
import type { Engine } from './engine-types.ts';
import type { Citation } from './types.ts';

export interface EvalCase {
  question: string;
  expect: { source?: string; quote: string } | null;
}

export interface EvalReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
  /** The expected quote's document is the first citation's / among the citations. */
  documentAt1: number;
  documentAt5: number;
  /** Unanswerable questions the engine declined. */
  abstentionAccuracy: number;
  /** Answerable questions the engine did answer. */
  answerRate: number;
  meanQuoteLength: number;
  misses: Array<{ question: string; got?: string; gotSource?: string; expected?: string; expectedSource?: string }>;
}

export function parseEvalFile(text: string): EvalCase[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`line ${n} is not valid JSON`);
      }
      const c = value as EvalCase;
      if (typeof c?.question !== 'string' || (c.expect !== null && typeof c.expect?.quote !== 'string')) {
        throw new Error(`line ${n} needs {"question": string, "expect": {"source"?, "quote"} | null}`);
      }
      return c;
    });
}

/** readSource(source) gives a document's text, to find where the expected quote stands. */
export async function evaluate(engine: Pick<Engine, 'answer'>, cases: EvalCase[], readSource: (source: string) => string): Promise<EvalReport> {
  const answer_ = (question: string) => engine.answer(question, { limit: 5 });
  let hit1 = 0, hit5 = 0, rr = 0, doc1 = 0, doc5 = 0, declined = 0, answered = 0, quoteChars = 0, quotes = 0;
  const misses: EvalReport['misses'] = [];
  const answerable = cases.filter((c) => c.expect).length;
  for (const c of cases) {
    const answer = await answer_(c.question);
    if (!c.expect) {
      if (!answer.answered) declined++;
      else misses.push({ question: c.question, got: answer.citations[0]?.quote, gotSource: answer.citations[0]?.source });
      continue;
    }
    if (answer.answered) answered++;
    const top = answer.citations[0];
    if (top) {
      quoteChars += top.quote.length;
      quotes++;
    }
    const rank = answer.citations.findIndex((cit) => isHit(cit, c.expect!, readSource));
    const docRank = answer.citations.findIndex((cit) => cit.source === c.expect!.source);
    if (docRank === 0) doc1++;
    if (docRank >= 0) doc5++;
    if (rank === 0) hit1++;
    if (rank >= 0) {
      hit5++;
      rr += 1 / (rank + 1);
    }
    if (rank !== 0) misses.push({ question: c.question, got: top?.quote, gotSource: top?.source, expected: c.expect.quote, expectedSource: c.expect.source });
  }
  const unanswerable = cases.length - answerable;
  return {
    questions: cases.length,
    answerable,
    unanswerable,
    hitAt1: ratio(hit1, answerable),
    hitAt5: ratio(hit5, answerable),
    mrr: ratio(rr, answerable),
    documentAt1: ratio(doc1, answerable),
    documentAt5: ratio(doc5, answerable),
    abstentionAccuracy: ratio(declined, unanswerable),
    answerRate: ratio(answered, answerable),
    meanQuoteLength: quotes ? quoteChars / quotes : 0,
    misses,
  };
}

/** A hit overlaps the expected quote by at least half of the shorter of the two. */
export function isHit(citation: Citation, expect: { source?: string; quote: string }, readSource: (source: string) => string): boolean {
  if (expect.source && citation.source !== expect.source) return false;
  const text = readSource(citation.source);
  for (let at = text.indexOf(expect.quote); at !== -1; at = text.indexOf(expect.quote, at + 1)) {
    const overlap = Math.min(at + expect.quote.length, citation.location.charEnd) - Math.max(at, citation.location.charStart);
    if (overlap >= 0.5 * Math.min(expect.quote.length, citation.location.charEnd - citation.location.charStart)) return true;
  }
  return false;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}
