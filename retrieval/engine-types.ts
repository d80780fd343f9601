import type { Answer, AnswerOptions, Citation, Location } from './types.ts';

export interface DocumentInfo {
  source: string;
  title: string;
  passages: number;
}

export interface IndexInfo {
  version: string;
  builtAt: string;
  passages: number;
  documents: number;
  model: string;
}

/** A stretch of a document with its place, e.g. a whole paragraph for "Show context". */
export interface Excerpt {
  source: string;
  title: string;
  section?: string;
  /** Verbatim source text at location.charStart..charEnd. */
  text: string;
  /** The same as people read it (see Citation.display). */
  display: string;
  location: Location;
  /** As Citation.url. */
  url?: string;
}

/** What the CLI and the bot use: a loaded index plus the model that embeds questions. */
export interface Engine {
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  documents(): DocumentInfo[];
  /** A whole block (paragraph, list item, code block) of a passage's document: `paragraph` (a citation's location.paragraph), or the passage's first. */
  context(passageId: number, paragraph?: number): Excerpt | undefined;
  /** A passage of one document: the one holding `line`, or the best match for `match` (for /quote). */
  findInDocument(source: string, query: { line?: number; match?: string }): Promise<Citation | undefined>;
  info(): IndexInfo;
  /** Loads a newer index if one was swapped in on disk since; true when it did. */
  reloadIfChanged(): Promise<boolean>;
  close(): Promise<void>;
}
