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
  /** What people call the format ("PDF", "Word document"): shown when a file is added or listed. */
  format: string;
  /** Lowercase file name extensions with the dot (".md"). */
  extensions: string[];
  /**
   * True when the text quotes are sliced from is extracted from the file (PDF, Word, HTML) rather than being the
   * file's own text: the index then keeps that text, since the file itself can't be sliced.
   */
  extracted: boolean;
  /**
   * The document in a file's bytes; `fileTitle` is the title made from the file name, for documents that don't
   * give one. Throws (or rejects with) UnreadableDocument with a one-line reason for a file it can't read.
   */
  load(bytes: Uint8Array, fileTitle: string): LoadedDocument | Promise<LoadedDocument>;
}

/** A file a loader can't read, with the reason a moderator is told ("not valid UTF-8; save it as UTF-8"). */
export class UnreadableDocument extends Error {
  /** "damaged PDF (Invalid PDF structure)": what the format's library said, on one short line. */
  static damaged(what: string, error: unknown): UnreadableDocument {
    const message = error instanceof Error ? error.message : String(error);
    return new UnreadableDocument(`damaged ${what} (${(message.split('\n')[0] ?? '').trim().slice(0, 100) || 'unreadable'})`);
  }
}
