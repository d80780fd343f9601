// The live index as the next build sees it: which files it holds and their passages, vectors, words and graph, for reuse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTokens, type FormTable, type PassageTokens } from './keyword-tokens.ts';
import { passageTails } from '../store/passages-json.ts';
import { readCurrentVersion, sha256 } from '../store/files.ts';
import { STORE_FILES, STORE_FORMAT_VERSION, type ChunkingParams, type FileEntry, type Manifest, type Passage } from '../store/format.ts';
import type { WordVectors } from '../store/tokens-file.ts';
import { decodeTokens } from '../store/tokens-file.ts';
import { labelsFrom } from '../store/vector-index.ts';
import type { PreviousGraph } from './vector-update.ts';

export interface PreviousStore {
  /** Its version folder (where its kept texts are). */
  versionDir: string;
  files: Record<string, FileEntry>;
  passages: Passage[];
  bySource: Map<string, number[]>;
  vector(position: number): Float32Array | null;
  /** Each passage's bytes in passages.json after its id, to copy into the next one. */
  passageTails: Buffer[];
  /** Each passage's words (by position), as ids into forms. */
  tokens: PassageTokens[];
  forms: FormTable;
  /** The keyword vocabulary's word vectors. */
  wordVectors: WordVectors;
  graph: PreviousGraph;
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
    // Reusing a damaged store would copy its damage into a new version with fresh, valid checksums.
    const files = new Map<string, Buffer>();
    for (const name of [STORE_FILES.passages, STORE_FILES.vectors, STORE_FILES.tokens, STORE_FILES.hnswLabels, STORE_FILES.hnsw]) {
      const data = readFileSync(join(dir, name));
      if (sha256(data) !== manifest.checksums?.[name]) return rebuild(warn, 'the live index is damaged (a checksum does not match)');
      files.set(name, data);
    }
    const passagesFile = files.get(STORE_FILES.passages)!;
    const raw = files.get(STORE_FILES.vectors)!;
    const passages = JSON.parse(passagesFile.toString('utf8')) as Passage[];
    const dim = manifest.model.dimension;
    if (raw.byteLength !== passages.length * dim * 4) return rebuild(warn, 'the stored vectors are incomplete');
    const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const bySource = new Map<string, number[]>();
    passages.forEach((p, i) => {
      const list = bySource.get(p.source) ?? [];
      list.push(i);
      bySource.set(p.source, list);
    });
    const stored = decodeTokens(files.get(STORE_FILES.tokens)!);
    const { wordVectors } = stored;
    if (wordVectors.vectors.length !== wordVectors.words.length * dim) return rebuild(warn, 'the stored word vectors are incomplete');
    const { forms, tokens } = readTokens(stored, passages);
    const labels = labelsFrom(files.get(STORE_FILES.hnswLabels)!);
    if (labels.length !== passages.length) return rebuild(warn, 'the HNSW label table does not match the passages');
    return {
      versionDir: dir,
      files: manifest.files,
      passages,
      bySource,
      vector(position) {
        const row = vectors.slice(position * dim, (position + 1) * dim);
        return row.some((x) => x !== 0) ? row : null;
      },
      passageTails: passageTails(passagesFile, passages.length),
      tokens,
      forms,
      wordVectors,
      graph: { path: join(dir, STORE_FILES.hnsw), labels },
    };
  } catch (error) {
    return rebuild(warn, `the live index could not be read (${(error as Error).message})`);
  }
}

function rebuild(warn: (message: string) => void, why: string): undefined {
  warn(`re-embedding every document: ${why}`);
  return undefined;
}
