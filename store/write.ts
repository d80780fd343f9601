// Writes a complete index version next to the live one and swaps it in atomically.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KeywordIndexData } from './keyword-format.ts';
import { encodeTokens, type StoredTokens } from './tokens-file.ts';
import { syncDir, writeDurable } from './atomic-write.ts';
import { pointCurrentAt, readCurrentVersion, sha256 } from './files.ts';
import { STORE_FILES, type Manifest } from './format.ts';
import { writeTexts, type TextToStore } from './texts.ts';
import type { VectorIndex } from './vector-index.ts';

export interface StoreContents {
  manifest: Omit<Manifest, 'checksums' | 'version'>;
  /** passages.json: the passages (Passage[]) as JSON. */
  passages: Uint8Array;
  /** passages.length * dimension floats; an all-zero row marks a passage without a vector. */
  vectors: Float32Array;
  hnsw: VectorIndex;
  keyword: KeywordIndexData;
  tokens: StoredTokens;
  /** The extracted texts of the documents whose manifest entries have a textSha256. */
  texts: TextToStore[];
}

/** Writes the store as a new version and makes it the live one. Returns the version name. */
export function writeStore(indexDir: string, contents: StoreContents): string {
  const version = `v${Date.now()}-${process.pid}`;
  const staging = join(indexDir, `staging-${version}`);
  mkdirSync(staging, { recursive: true });
  // Strings are encoded once, so hashing and writing don't each convert them to UTF-8.
  const payloads: Record<string, Uint8Array> = {
    [STORE_FILES.passages]: contents.passages,
    [STORE_FILES.vectors]: bytesOf(contents.vectors),
    [STORE_FILES.keyword]: Buffer.from(JSON.stringify(contents.keyword)),
    [STORE_FILES.tokens]: encodeTokens(contents.tokens),
    [STORE_FILES.hnswLabels]: bytesOf(contents.hnsw.labels),
  };
  const checksums: Record<string, string> = {};
  for (const [name, data] of Object.entries(payloads)) {
    writeDurable(join(staging, name), data);
    checksums[name] = sha256(data);
  }
  const hnswPath = join(staging, STORE_FILES.hnsw);
  contents.hnsw.write(hnswPath);
  const graph = readFileSync(hnswPath);
  writeDurable(hnswPath, graph);
  checksums[STORE_FILES.hnsw] = sha256(graph);
  writeTexts(staging, contents.texts);
  const manifest: Manifest = { ...contents.manifest, version, checksums };
  writeDurable(join(staging, STORE_FILES.manifest), JSON.stringify(manifest, null, 2));
  syncDir(staging);
  const previous = readCurrentVersion(indexDir);
  renameSync(staging, join(indexDir, version));
  pointCurrentAt(indexDir, version);
  removeOldVersions(indexDir, [version, previous]);
  return version;
}

function bytesOf(array: Float32Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Keeps the new and the previous version (a reader may still be loading it); the rest is garbage. */
export function removeOldVersions(indexDir: string, keep: Array<string | undefined>): void {
  for (const name of readdirSync(indexDir)) {
    if (keep.includes(name)) continue;
    const garbage = /^v\d/.test(name) || name.startsWith('staging-') || /^CURRENT\.\d+\.tmp$/.test(name); // the last: a killed build's
    if (garbage) rmSync(join(indexDir, name), { recursive: true, force: true });
  }
}
