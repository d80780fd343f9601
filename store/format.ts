// The on-disk store: written by index/, read by retrieval/. This file is the contract between them.

export const STORE_FORMAT_VERSION = 3;

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
  /** 1-based paragraph number within the document. */
  paragraph: number;
}

export interface Passage extends Location {
  /** Index of the passage in passages.json (its position). */
  id: number;
  /** Path relative to the seeds folder, with forward slashes. */
  source: string;
  /** Document title. */
  title: string;
  /** Nearest markdown heading above the passage, if any. */
  section?: string;
  /** Exactly source text.slice(charStart, charEnd). */
  text: string;
  /** Sentence boundaries inside the passage, as absolute [start, end) offsets in the source file. */
  sentences: Array<[number, number]>;
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

export interface Manifest {
  formatVersion: number;
  /** Unique id of this build (also its folder name). */
  version: string;
  model: { id: string; dimension: number };
  chunking: ChunkingParams;
  files: Record<string, FileEntry>;
  counts: { files: number; passages: number };
  builtAt: string;
  buildSeconds: number;
  /** sha256 of each store file, checked at load so a truncated or corrupted file is caught. */
  checksums: Record<string, string>;
}
