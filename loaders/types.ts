// What a loader makes of a file: the text citations slice, its title, and its blocks with their kinds,
// sections and the text people read.
import type { DisplayText } from './display.ts';

export type BlockKind = 'prose' | 'code' | 'row';

export interface Block {
  kind: BlockKind;
  /** Source span of the block: text.slice(start, end). */
  start: number;
  end: number;
  /** Headings above the block, outermost first (the document title is not one of them). */
  section: string[];
  /** What people read: markup gone, links as their text, whitespace collapsed; mapped back to source offsets. */
  display: DisplayText;
  /** Code: the fence's language, if given. */
  language?: string;
  /** PDF: the 1-based page the block starts on. */
  page?: number;
}

export interface LoadedDocument {
  title: string;
  /** The text quotes are slices of (a text file's own text; for other formats the extracted text). */
  text: string;
  blocks: Block[];
}

export interface Loader {
  /** Lowercase file name extensions with the dot (".md"). */
  extensions: string[];
  /**
   * The document in a file's bytes; `fileTitle` is the title made from the file name, for documents that don't
   * give one. Throws UnreadableDocument with a one-line reason for a file it can't read.
   */
  load(bytes: Uint8Array, fileTitle: string): LoadedDocument;
}

/** A file a loader can't read, with the reason a moderator is told ("not valid UTF-8; save it as UTF-8"). */
export class UnreadableDocument extends Error {}
