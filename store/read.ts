// Loads the live index from disk and checks it is whole, with one clear error naming the fix when it isn't.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeywordIndexData } from './keyword-format.ts';
import { CURRENT_FILE, readCurrentVersion, sha256 } from './files.ts';
import { keptTextFile, STORE_FILES, STORE_FORMAT_VERSION, type Manifest, type Passage } from './format.ts';
import { labelsFrom, readVectorIndex, type VectorIndex } from './vector-index.ts';

/** A built index as it is on disk, checked whole. */
export interface StoreData {
  manifest: Manifest;
  passages: Passage[];
  vectors: Float32Array;
  hnsw: VectorIndex;
  keyword: KeywordIndexData;
}

export class StoreError extends Error {}
export class NoIndexError extends StoreError {}

const FIX = 'rebuild it with `npm run index -- --full`';

/** Reads the live index; `check` may throw to report data that doesn't fit (it is reported as damage). */
export function readStore(indexDir: string, check: (data: StoreData) => void = () => {}): StoreData {
  let version: string | undefined;
  try {
    version = readCurrentVersion(indexDir);
  } catch (error) {
    throw new StoreError(`the index at ${indexDir} cannot be read (${(error as Error).message}); ${FIX}`);
  }
  const damaged = (what: string) => new StoreError(`the index at ${indexDir} is damaged (${what}); ${FIX}`);
  if (!version && existsSync(join(indexDir, CURRENT_FILE))) throw damaged(`${CURRENT_FILE} does not name a version`);
  if (!version) throw new NoIndexError(`there is no index at ${indexDir}; build it with \`npm run index\``);
  const dir = join(indexDir, version);
  const read = (name: string): Buffer => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      throw damaged(`${name} is missing`);
    }
  };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(read(STORE_FILES.manifest).toString('utf8')) as Manifest;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw damaged(`${STORE_FILES.manifest} is not valid JSON`);
  }
  if (typeof manifest !== 'object' || manifest === null) throw damaged(`${STORE_FILES.manifest} is not a manifest`);
  if (manifest.formatVersion !== STORE_FORMAT_VERSION) {
    throw new StoreError(
      `the index at ${indexDir} has format ${String(manifest.formatVersion)}, this version reads ${STORE_FORMAT_VERSION}; ${FIX}`,
    );
  }
  if (typeof manifest.model?.dimension !== 'number' || !manifest.files) throw damaged(`${STORE_FILES.manifest} is incomplete`);
  const files = new Map<string, Buffer>();
  for (const name of [STORE_FILES.passages, STORE_FILES.vectors, STORE_FILES.keyword, STORE_FILES.hnsw, STORE_FILES.hnswLabels]) {
    const data = read(name);
    if (sha256(data) !== manifest.checksums?.[name]) throw damaged(`${name} does not match its checksum`);
    files.set(name, data);
  }
  for (const [source, entry] of Object.entries(manifest.files)) {
    if (entry.textSha256 && !existsSync(join(dir, keptTextFile(entry.hash)))) throw damaged(`the text of ${source} is missing`);
  }
  const passages = JSON.parse(files.get(STORE_FILES.passages)!.toString('utf8')) as Passage[];
  const keyword = JSON.parse(files.get(STORE_FILES.keyword)!.toString('utf8')) as KeywordIndexData;
  const raw = files.get(STORE_FILES.vectors)!;
  const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  if (vectors.length !== passages.length * manifest.model.dimension) throw damaged('vector count does not match passages');
  try {
    const labels = labelsFrom(files.get(STORE_FILES.hnswLabels)!);
    if (labels.length !== passages.length) throw new Error('HNSW label count does not match passages');
    const hnsw = readVectorIndex(join(dir, STORE_FILES.hnsw), labels, manifest.model.dimension);
    const data = { manifest, passages, vectors, hnsw, keyword };
    check(data);
    return data;
  } catch (error) {
    throw damaged((error as Error).message);
  }
}
