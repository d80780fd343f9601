// Builds or updates the index: seeds -> passages -> vectors + keyword index -> a new store version, swapped in atomically.
// An incremental build reuses what the live index holds for unchanged files: their passages (and their bytes in
// passages.json), vectors and words, the vocabulary's word vectors, and the HNSW graph, updated in place.
import { join } from 'node:path';
import { DEFAULT_CHUNKING } from './chunk.ts';
import { loadDocument, type LoadedFile } from './load-document.ts';
import { findDocuments, type SeedDocument, type Skipped } from './documents.ts';
import { loadEmbedder, type Embedder } from '../embedding/embedder.ts';
import { buildKeywordIndex } from './keyword-index.ts';
import { toBase64 } from '../store/keyword-format.ts';
import { FormTable, tokenizePassage } from './keyword-tokens.ts';
import { acquireIndexLock } from './lock.ts';
import { encodePassages } from '../store/passages-json.ts';
import { readPreviousStore, type PreviousStore } from './previous-store.ts';
import { STORE_FORMAT_VERSION, type FileEntry, type Passage } from '../store/format.ts';
import { writeStore } from '../store/write.ts';
import { readKeptText, textPath, type TextToStore } from '../store/texts.ts';
import { sha256 } from '../store/files.ts';
import { embedWords } from './term-vectors.ts';
import { measureBackground } from './background.ts';
import { vectorIndexFor } from './vector-update.ts';

export interface BuildOptions {
  seedsDir: string;
  /** Files larger than this are skipped unread (MAX_DOCUMENT_MB); unset = the default. */
  maxDocumentBytes?: number;
  indexDir: string;
  /** Where models are downloaded or built. */
  modelsDir: string;
  /** Embedding model id; unset = the default (with the offline fallback). */
  model?: string;
  /** Rebuild everything instead of reusing the live index for unchanged files. */
  full?: boolean;
  /** An already loaded embedder (the bot and tests reuse one). */
  embedder?: Embedder;
  onProgress?: (progress: BuildProgress) => void;
  warn?: (message: string) => void;
}

export interface BuildProgress {
  stage: 'reading' | 'embedding' | 'indexing' | 'writing';
  done: number;
  total: number;
}

export interface BuildSummary {
  version: string;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  skipped: Skipped[];
  passages: number;
  seconds: number;
  passagesPerSecond: number;
  model: string;
}

const EMBED_BATCH = 512;

export async function buildIndex(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const warn = options.warn ?? (() => {});
  const progress = options.onProgress ?? (() => {});
  const release = acquireIndexLock(options.indexDir);
  const ownEmbedder = !options.embedder;
  let embedder = options.embedder;
  try {
    const { documents, skipped } = findDocuments(options.seedsDir, { maxBytes: options.maxDocumentBytes });
    for (const s of skipped) warn(`skipped ${s.source}: ${s.reason}`);
    progress({ stage: 'reading', done: 0, total: documents.length });
    // One thread: the static model embeds the 10.8 M-character corpus in ~2-4 s there, while worker start-up (~1 s each) ate the gain on 2 cores.
    embedder ??= await loadEmbedder({ model: options.model, cacheDir: options.modelsDir, warn });
    const previous = options.full ? undefined : readPreviousStore(options.indexDir, embedder.id, DEFAULT_CHUNKING, warn);

    const files: Record<string, FileEntry> = {};
    const texts: TextToStore[] = [];
    const passages: Omit<Passage, 'id'>[] = [];
    const vectorRows: (Float32Array | null)[] = [];
    /** Each passage's previous position, or -1 for a new one. */
    const reusedFrom: number[] = [];
    const toEmbed: number[] = [];
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    for (const [i, doc] of documents.entries()) {
      progress({ stage: 'reading', done: i, total: documents.length });
      const old = previous?.files[doc.source];
      const same = old !== undefined && old.hash === doc.hash && previous !== undefined;
      if (same && !keptTextWhole(previous.versionDir, old)) warn(`reading ${doc.source} again: the index's text of it is damaged`);
      else if (same) {
        if (old.textSha256) texts.push({ hash: old.hash, from: textPath(previous.versionDir, old.hash) });
        for (const position of previous.bySource.get(doc.source) ?? []) {
          const { id: _id, ...p } = previous.passages[position]!;
          passages.push(p);
          vectorRows.push(previous.vector(position));
          reusedFrom.push(position);
        }
        files[doc.source] = old;
        unchanged++;
        continue;
      }
      if (old) changed++;
      else added++;
      const chunked = await load(doc, skipped, warn);
      if (!chunked) {
        if (old) changed--;
        else added--;
        continue;
      }
      for (const p of chunked.passages) {
        toEmbed.push(passages.length);
        passages.push(p);
        vectorRows.push(null);
        reusedFrom.push(-1);
      }
      files[doc.source] = entry(doc, chunked);
      if (chunked.extractedText !== undefined) texts.push({ hash: doc.hash, text: chunked.extractedText });
    }
    progress({ stage: 'reading', done: documents.length, total: documents.length });
    const removed = previous ? Object.keys(previous.files).filter((s) => !(s in files)).length : 0;

    for (let i = 0; i < toEmbed.length; i += EMBED_BATCH) {
      progress({ stage: 'embedding', done: i, total: toEmbed.length });
      const batch = toEmbed.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embed(batch.map((n) => embeddingText(passages[n]!)));
      batch.forEach((n, j) => (vectorRows[n] = vectors[j] ?? null));
    }
    progress({ stage: 'embedding', done: toEmbed.length, total: toEmbed.length });

    progress({ stage: 'indexing', done: 0, total: passages.length });
    const withIds: Passage[] = passages.map((p, id) => ({ id, ...p }));
    const vectors = packVectors(vectorRows, embedder.dimension);
    const reused = Int32Array.from(reusedFrom);
    // A staging- name for the graph worker's file: if the build is killed, the next one removes it.
    const scratch = join(options.indexDir, `staging-graph-${process.pid}.bin`);
    const graph = vectorIndexFor(previous?.graph, reused, vectors, embedder.dimension, scratch, warn); // a new one is built on another thread...
    const { keyword, tokens } = await keywordIndex(withIds, reused, previous, embedder); // ...while this one is built here
    const hnsw = await graph;
    const background = await measureBackground(embedder, vectors, tokens.wordVectors.vectors);

    progress({ stage: 'writing', done: 0, total: 1 });
    const seconds = (performance.now() - started) / 1000;
    const version = writeStore(options.indexDir, {
      manifest: {
        formatVersion: STORE_FORMAT_VERSION,
        model: { id: embedder.id, dimension: embedder.dimension },
        background,
        chunking: DEFAULT_CHUNKING,
        files,
        counts: { files: Object.keys(files).length, passages: withIds.length },
        builtAt: new Date().toISOString(),
        buildSeconds: seconds,
      },
      passages: encodePassages(withIds, reused, previous?.passageTails),
      vectors,
      hnsw,
      keyword,
      tokens,
      texts,
    });
    const total = (performance.now() - started) / 1000;
    return {
      version,
      added,
      changed,
      removed,
      unchanged,
      skipped,
      passages: withIds.length,
      seconds: total,
      passagesPerSecond: toEmbed.length / total,
      model: embedder.id,
    };
  } finally {
    if (ownEmbedder) await embedder?.close();
    release();
  }
}

/** What the model sees: the document's title and section path give a passage its context. */
function embeddingText(p: Omit<Passage, 'id'>): string {
  return [p.title, ...p.section, p.display].join('. ');
}

/** The keyword index, reusing the previous build's tokens of reused passages and its vectors of known words. */
async function keywordIndex(passages: Passage[], reusedFrom: Int32Array, previous: PreviousStore | undefined, embedder: Embedder) {
  const forms = previous?.forms ?? new FormTable();
  const tokens = passages.map((p, i) => (reusedFrom[i]! >= 0 ? previous!.tokens[reusedFrom[i]!]! : tokenizePassage(p, forms)));
  const { keyword, tokens: stored } = buildKeywordIndex(tokens, forms);
  const wordVectors = { words: keyword.words, vectors: await embedWords(embedder, keyword.words, previous?.wordVectors) };
  keyword.termVectors = toBase64(wordVectors.vectors);
  return { keyword, tokens: { ...stored, wordVectors } };
}

/** The document cut into passages, or undefined (with the reason among the skipped) when it can't be read or holds no text. */
async function load(doc: SeedDocument, skipped: Skipped[], warn: (message: string) => void): Promise<LoadedFile | undefined> {
  const loaded = await loadDocument(doc);
  if (!('reason' in loaded)) return loaded;
  skipped.push({ source: doc.source, reason: loaded.reason });
  warn(`skipped ${doc.source}: ${loaded.reason}`);
  return undefined;
}

function entry(doc: SeedDocument, file: LoadedFile): FileEntry {
  const entry: FileEntry = { hash: doc.hash, title: file.title, format: file.format, passages: file.passages.length, chars: file.chars };
  return file.extractedText === undefined ? entry : { ...entry, textSha256: sha256(file.extractedText) };
}

/** An unchanged file is reused only with its kept text, if it has one, whole: else it is read again. */
function keptTextWhole(versionDir: string, old: FileEntry): boolean {
  return !old.textSha256 || readKeptText(versionDir, old) !== undefined;
}

function packVectors(rows: (Float32Array | null)[], dimension: number): Float32Array {
  const out = new Float32Array(rows.length * dimension);
  rows.forEach((row, i) => row && out.set(row, i * dimension));
  return out;
}
