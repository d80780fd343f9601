// The on-disk store: written by index/, read by retrieval/. This file is the contract between them.

export const STORE_FORMAT_VERSION = 4;

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
} as const;

/** Where a passage or a quote stands in its source file. Offsets are JavaScript string (UTF-16) indices. */
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
  /** Exactly source text.slice(charStart, charEnd). */
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
  passages: number;
  chars: number;
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
