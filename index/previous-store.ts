// The live index as the next build sees it: which files it holds and their passages and vectors, for reuse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCurrentVersion } from './store-files.ts';
import { STORE_FILES, STORE_FORMAT_VERSION, type ChunkingParams, type FileEntry, type Manifest, type Passage } from './store-format.ts';

export interface PreviousStore {
  files: Record<string, FileEntry>;
  passages: Passage[];
  bySource: Map<string, number[]>;
  vector(position: number): Float32Array | null;
}

/** The reusable part of the live index, or undefined (with a warning) when it can't be reused. */
export function readPreviousStore(
  indexDir: string,
  modelId: string,
  chunking: ChunkingParams,
  warn: (message: string) => void,
): PreviousStore | undefined {
  const version = readCurrentVersion(indexDir);
  if (!version) return undefined;
  try {
    const dir = join(indexDir, version);
    const manifest = JSON.parse(readFileSync(join(dir, STORE_FILES.manifest), 'utf8')) as Manifest;
    if (manifest.formatVersion !== STORE_FORMAT_VERSION) return rebuild(warn, 'the index format changed');
    if (manifest.model.id !== modelId) return rebuild(warn, `the model changed (${manifest.model.id} -> ${modelId})`);
    if (JSON.stringify(manifest.chunking) !== JSON.stringify(chunking)) return rebuild(warn, 'the chunking settings changed');
    const passages = JSON.parse(readFileSync(join(dir, STORE_FILES.passages), 'utf8')) as Passage[];
    const raw = readFileSync(join(dir, STORE_FILES.vectors));
    const dim = manifest.model.dimension;
    if (raw.byteLength !== passages.length * dim * 4) return rebuild(warn, 'the stored vectors are incomplete');
    const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const bySource = new Map<string, number[]>();
    passages.forEach((p, i) => {
      const list = bySource.get(p.source) ?? [];
      list.push(i);
      bySource.set(p.source, list);
    });
    return {
      files: manifest.files,
      passages,
      bySource,
      vector(position) {
        const row = vectors.slice(position * dim, (position + 1) * dim);
        return row.some((x) => x !== 0) ? row : null;
      },
    };
  } catch (error) {
    return rebuild(warn, `the live index could not be read (${(error as Error).message})`);
  }
}

function rebuild(warn: (message: string) => void, why: string): undefined {
  warn(`re-embedding every document: ${why}`);
  return undefined;
}
