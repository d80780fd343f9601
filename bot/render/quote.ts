import type { Citation } from '../../retrieval/types.ts';
import { blockQuote, codeBlock, escapeFit } from './markdown.ts';

/** Whether a quote stops short of whole sentences at its start or end (so "…" must show it). */
export interface QuoteCut {
  before: boolean;
  after: boolean;
}

/** What showing a quote needs of a citation (a preview's first passage has no more). */
export type Quoted = Pick<Citation, 'display' | 'kind' | 'language' | 'clipped'>;

/** The text of a citation as people read it (markup gone). Every place the bot shows a quote goes through here. */
export function quoteText(citation: Quoted): string {
  return citation.display;
}

/** Where the engine cut the quote out of a longer sentence. */
export function findCut(citation: Quoted): QuoteCut {
  return { before: citation.clipped?.start ?? false, after: citation.clipped?.end ?? false };
}

/** A citation's quote as Discord markdown of at most `max` characters: code as a code block, the rest block-quoted. */
export function quoteBlock(citation: Quoted, max: number): string {
  if (citation.kind === 'code') return codeBlock(quoteText(citation), citation.language, max);
  return blockQuote(quoteText(citation), max, findCut(citation));
}

/** "Also in: **Title**, **Title**" for the same words found in other documents; empty when there are none. */
export function alsoInLine(citation: Citation, max = 200): string {
  if (!citation.alsoIn?.length) return '';
  return escapeFit(`Also in: ${citation.alsoIn.map((o) => o.title).join(', ')}`, max);
}
