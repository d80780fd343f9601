import type { Location } from '../store/format.ts';

export type { Location };

export interface Citation {
  /** Passage id in the index the quote came from. */
  passageId: number;
  /** Path relative to the seeds folder. */
  source: string;
  title: string;
  section?: string;
  /** Verbatim: exactly the source file's text at location.charStart..charEnd. */
  quote: string;
  location: Location;
  /** Higher is better; comparable only within one answer. */
  score: number;
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
}
