import type { Location, UnitKind } from '../store/format.ts';

export type { Location, UnitKind };

/** Where else the same words stand (a paragraph repeated in several documents). */
export interface OtherPlace {
  source: string;
  title: string;
  section?: string;
  location: Location;
}

/** Why a citation ranked where it did: each feature's value, its weight and their product. */
export interface Explanation {
  features: Array<{ name: string; value: number; weight: number; contribution: number }>;
  score: number;
  confidence: number;
}

export interface Citation {
  /** Passage id in the index the quote came from. */
  passageId: number;
  /** Path relative to the seeds folder. */
  source: string;
  title: string;
  /** Headings above the quote, outermost first, joined by " › ". */
  section?: string;
  /** Verbatim: exactly the source file's text at location.charStart..charEnd. */
  quote: string;
  /** The quote as people read it: markup gone, links as their text, whitespace collapsed (code as written). */
  display: string;
  /** A sentence or two of prose, a code block, or a table row (its display names each cell's column). */
  kind: UnitKind;
  /** Code: the fence's language, if given. */
  language?: string;
  /** The quote starts or ends inside a sentence (a long sentence cut to its best clauses): show "…" there. */
  clipped?: { start: boolean; end: boolean };
  location: Location;
  /** Higher is better; comparable only within one answer. */
  score: number;
  /** How sure the engine is that this quote answers the question, 0..1. */
  confidence: number;
  alsoIn?: OtherPlace[];
  explain?: Explanation;
  /** The web page the document was fetched from, when it came from one (filled in by the bot, see bot/documents). */
  url?: string;
}

export interface Answer {
  answered: boolean;
  /** Best first. Empty when answered is false. */
  citations: Citation[];
  /** When not answered: words of the question, as typed, that no document has ("cryptocurrency"). */
  unmentioned?: string[];
  /** Facts about the index that answered, for footers and logs. */
  index: { version: string; builtAt: string; passages: number; model: string };
}

export interface AnswerOptions {
  /** Restrict to one document (its source path). */
  source?: string;
  /** How many citations at most (default 5). */
  limit?: number;
  /** At most this many citations from one document (default 3; ignored with a source filter). */
  perDocument?: number;
  /** Add each citation's explanation. */
  explain?: boolean;
}
