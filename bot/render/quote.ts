import type { Excerpt } from '../../retrieval/engine-types.ts';
import type { Answer, Citation } from '../../retrieval/types.ts';

/** Whether a quote stops short of whole sentences at its start or end (so "…" must show it). */
export interface QuoteCut {
  before: boolean;
  after: boolean;
}

/** A citation as the bot shows it: with where the engine cut its quote out of a longer sentence. */
export type ShownCitation = Citation & { cut?: QuoteCut };
export type ShownAnswer = Omit<Answer, 'citations'> & { citations: ShownCitation[] };

/** The text of a citation as people read it. Every place the bot shows a quote goes through here. */
export function quoteText(citation: Citation): string {
  return citation.quote;
}

/** A sentence (or a line) ends here: final punctuation, perhaps closing quotes or brackets. */
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;

/**
 * Where the quote stops short of its sentence. With the paragraph around it the check is exact: the text before it
 * must end a sentence or a line, and the quote must end one (or the paragraph). Without it, a quote that opens in
 * lower case or on a comma, or does not end on final punctuation, counts as cut.
 */
export function findCut(citation: Citation, paragraph: Excerpt | undefined): QuoteCut {
  // The engine being rewritten says so itself (`clipped`); until it does, read it from the paragraph.
  const clipped = (citation as { clipped?: { start: boolean; end: boolean } }).clipped;
  if (clipped) return { before: clipped.start, after: clipped.end };
  const quote = citation.quote;
  const ends = SENTENCE_END.test(quote.trimEnd());
  const at = paragraph ? locate(paragraph, citation) : -1;
  if (!paragraph || at < 0) return { before: /^[\p{Ll},;:)\]]/u.test(quote.trimStart()), after: !ends };
  const before = paragraph.text.slice(0, at);
  const after = paragraph.text.slice(at + quote.length);
  return {
    before: before.trim() !== '' && !/\n\s*$/u.test(before) && !SENTENCE_END.test(before.trimEnd()),
    after: after.trim() !== '' && !/^\s*\n/u.test(after) && !ends,
  };
}

/** The quote's index in the paragraph's text: the occurrence nearest where its offsets put it. */
function locate(paragraph: Excerpt, citation: Citation): number {
  if (citation.quote === '') return -1;
  const expected = citation.location.charStart - paragraph.location.charStart;
  let best = -1;
  for (let i = paragraph.text.indexOf(citation.quote); i >= 0; i = paragraph.text.indexOf(citation.quote, i + 1)) {
    if (best < 0 || Math.abs(i - expected) < Math.abs(best - expected)) best = i;
    if (i > expected) break;
  }
  return best;
}
