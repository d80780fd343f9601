// The on-disk store: written by index/, read by retrieval/. This file is the contract between them.

export const STORE_FORMAT_VERSION = 5;

/** Files inside one built version of the index (INDEX_DIR/<version>/). */
export const STORE_FILES = {
  manifest: 'manifest.json',
  passages: 'passages.json',
  vectors: 'vectors.f32',
  hnsw: 'hnsw.bin',
  /** Uint32 per passage: its label in the HNSW graph (NO_LABEL without a vector); labels outlive positions across incremental builds. */
  hnswLabels: 'hnsw-labels.u32',
  keyword: 'keyword.json',
  /** Each passage's words and the vocabulary's word vectors, for the next incremental build (retrieval does not read it). */
  tokens: 'keyword-tokens.bin',
  /**
   * Folder of the text extracted from documents that are not plain text (PDF, Word, HTML), one `<file hash>.txt`
   * (UTF-8) each: what their passages' offsets slice (see store/texts.ts).
   */
  texts: 'texts',
} as const;

/** A document's kept text inside a version folder, by the hash of its file. */
export function keptTextFile(fileHash: string): string {
  return `${STORE_FILES.texts}/${fileHash}.txt`;
}

/**
 * Where a passage or a quote stands in its document's citable text: the file's own text, or for a PDF, Word file
 * or web page the text extracted from it (kept in the index). Offsets are JavaScript string (UTF-16) indices.
 */
export interface Location {
  charStart: number;
  charEnd: number;
  /** 1-based, inclusive. */
  lineStart: number;
  lineEnd: number;
  /** 1-based number of the block (paragraph, list item, code block, table row) within the document. */
  paragraph: number;
  /** PDF: the 1-based page. */
  page?: number;
}

export type UnitKind = 'prose' | 'code' | 'row';

/**
 * The smallest thing a quote is made of: a sentence of prose, a whole code block, a table row. Offsets are
 * absolute in the source file (start, end) and relative to the passage's display text (displayStart, displayEnd).
 */
export interface Unit {
  start: number;
  end: number;
  displayStart: number;
  displayEnd: number;
  kind: UnitKind;
  /** 1-based block number (Location.paragraph). */
  block: number;
  /** Code: the fence's language. */
  language?: string;
  page?: number;
}

export interface Passage extends Location {
  /** Index of the passage in passages.json (its position). */
  id: number;
  /** Path relative to the seeds folder, with forward slashes. */
  source: string;
  /** Document title. */
  title: string;
  /** Headings above the passage, outermost first; empty when there are none. */
  section: string[];
  /** Exactly the citable text's .slice(charStart, charEnd) (see store/texts.ts). */
  text: string;
  /** What people read of the passage's units: markup gone, whitespace collapsed; blocks end with a line break. */
  display: string;
  /** Runs [displayStart, sourceStart, length] mapping display offsets to absolute source offsets (see loaders/display.ts). */
  runs: number[];
  units: Unit[];
}

export interface ChunkingParams {
  maxTokens: number;
  overlapSentences: number;
}

export interface FileEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  title: string;
  /** What the loader read it as ("text", "Markdown", "PDF", "Word document", "web page"). */
  format: string;
  passages: number;
  /** Length of its citable text. */
  chars: number;
  /** sha256 of the text extracted from it, when that is what it is cited by (texts/<hash>.txt). */
  textSha256?: string;
}

/** Mean and standard deviation of cosines between unrelated texts (see index/background.ts). */
export interface Spread {
  mean: number;
  std: number;
}

export interface Background {
  /** A question about nothing in particular against this index's passages. */
  passage: Spread;
  /** Unrelated words against this index's vocabulary. */
  word: Spread;
}

export interface Manifest {
  formatVersion: number;
  /** Unique id of this build (also its folder name). */
  version: string;
  model: { id: string; dimension: number };
  background: Background;
  chunking: ChunkingParams;
  files: Record<string, FileEntry>;
  counts: { files: number; passages: number };
  builtAt: string;
  buildSeconds: number;
  /** sha256 of each store file, checked at load so a truncated or corrupted file is caught. */
  checksums: Record<string, string>;
}
