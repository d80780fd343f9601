// Builds or updates the index: seeds -> passages -> vectors + keyword index -> a new store version, swapped in atomically.
import { chunkDocument, DEFAULT_CHUNKING } from './chunk.ts';
import { findDocuments, type SeedDocument, type Skipped } from './documents.ts';
import { loadEmbedder, type Embedder } from './embedding/embedder.ts';
import { buildKeywordIndex, toBase64 } from './keyword-index.ts';
import { acquireIndexLock } from './lock.ts';
import { readPreviousStore, type PreviousStore } from './previous-store.ts';
import { STORE_FORMAT_VERSION, type FileEntry, type Passage } from './store-format.ts';
import { writeStore } from './store-writer.ts';
import { buildVectorIndex } from './vector-index.ts';

export interface BuildOptions {
  seedsDir: string;
  indexDir: string;
  /** Where models are downloaded or built. */
  modelsDir: string;
  /** Embedding model id; unset = the default (with the offline fallback). */
  model?: string;
  /** Re-embed everything instead of reusing unchanged files' vectors. */
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
    const { documents, skipped } = findDocuments(options.seedsDir);
    for (const s of skipped) warn(`skipped ${s.source}: ${s.reason}`);
    progress({ stage: 'reading', done: 0, total: 1 });
    // One thread: the static model embeds the 10.8 M-character corpus in ~2-4 s there, while worker start-up (~1 s each) ate the gain on 2 cores.
    embedder ??= await loadEmbedder({ model: options.model, cacheDir: options.modelsDir, warn, workers: 1 });
    const previous = options.full ? undefined : readPreviousStore(options.indexDir, embedder.id, DEFAULT_CHUNKING, warn);

    const files: Record<string, FileEntry> = {};
    const passages: Omit<Passage, 'id'>[] = [];
    const vectorRows: (Float32Array | null)[] = [];
    const toEmbed: number[] = [];
    let added = 0;
    let changed = 0;
    for (const doc of documents) {
      const old = previous?.files[doc.source];
      if (old && old.hash === doc.hash && previous) {
        reuse(previous, doc.source, passages, vectorRows);
        files[doc.source] = old;
        continue;
      }
      if (old) changed++;
      else added++;
      const chunked = chunkDocument({ source: doc.source, text: doc.text, markdown: doc.markdown, fallbackTitle: doc.fileTitle });
      for (const p of chunked.passages) {
        toEmbed.push(passages.length);
        passages.push(p);
        vectorRows.push(null);
      }
      files[doc.source] = entry(doc, chunked.title, chunked.passages.length);
    }
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
    const hnsw = buildVectorIndex(vectors, embedder.dimension, withIds.length);
    const keyword = buildKeywordIndex(withIds);
    keyword.termVectors = toBase64(await embedWords(embedder, keyword.words));

    progress({ stage: 'writing', done: 0, total: 1 });
    const seconds = (performance.now() - started) / 1000;
    const version = writeStore(options.indexDir, {
      manifest: {
        formatVersion: STORE_FORMAT_VERSION,
        model: { id: embedder.id, dimension: embedder.dimension },
        chunking: DEFAULT_CHUNKING,
        files,
        counts: { files: Object.keys(files).length, passages: withIds.length },
        builtAt: new Date().toISOString(),
        buildSeconds: seconds,
      },
      passages: withIds,
      vectors,
      hnsw,
      keyword,
    });
    const total = (performance.now() - started) / 1000;
    return {
      version,
      added,
      changed,
      removed,
      unchanged: documents.length - added - changed,
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

/** What the model sees: the section title gives a passage its context. */
function embeddingText(p: Omit<Passage, 'id'>): string {
  return p.section ? `${p.section}. ${p.text}` : p.text;
}

/** One unit vector per vocabulary word (zero rows for words the model can't embed). */
async function embedWords(embedder: Embedder, words: string[]): Promise<Float32Array> {
  const out = new Float32Array(words.length * embedder.dimension);
  for (let i = 0; i < words.length; i += EMBED_BATCH) {
    const vectors = await embedder.embed(words.slice(i, i + EMBED_BATCH));
    vectors.forEach((v, j) => v && out.set(v, (i + j) * embedder.dimension));
  }
  return out;
}

function reuse(previous: PreviousStore, source: string, passages: Omit<Passage, 'id'>[], vectorRows: (Float32Array | null)[]): void {
  for (const position of previous.bySource.get(source) ?? []) {
    const { id: _id, ...p } = previous.passages[position]!;
    passages.push(p);
    vectorRows.push(previous.vector(position));
  }
}

function entry(doc: SeedDocument, title: string, passageCount: number): FileEntry {
  return { hash: doc.hash, title, passages: passageCount, chars: doc.text.length };
}

function packVectors(rows: (Float32Array | null)[], dimension: number): Float32Array {
  const out = new Float32Array(rows.length * dimension);
  rows.forEach((row, i) => row && out.set(row, i * dimension));
  return out;
}
