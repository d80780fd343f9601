// Vector and keyword rankings fused by weighted reciprocal rank fusion.
import { best, type Scored } from './keyword-search.ts';
import type { LoadedStore } from '../store/read.ts';

export interface Candidate {
  position: number;
  /** Fused score, higher is better. */
  score: number;
  /** Cosine similarity to the question, when the passage has a vector. */
  cosine?: number;
}

/** A set of passages to search instead of the whole index (one or a few documents). */
export interface Subset {
  positions: number[];
  mask: Uint8Array;
}

export interface HybridOptions {
  k: number;
  /** Every passage's BM25 score for the question (KeywordSearch.scoreAll), shared by several searches. */
  keywordScores?: Scored[];
  within?: Subset;
  vectorWeight: number;
  keywordWeight: number;
}

const RRF_K = 60;
const DEPTH = 50;

export function hybridSearch(store: LoadedStore, vector: Float32Array | null, queryTerms: string[], options: HybridOptions): Candidate[] {
  const fused = new Map<number, Candidate>();
  const add = (position: number, rank: number, weight: number) => {
    const c = fused.get(position) ?? { position, score: 0 };
    c.score += weight / (RRF_K + rank);
    fused.set(position, c);
  };
  if (vector) {
    nearest(store, vector, options.within).forEach((hit, rank) => {
      add(hit.position, rank, options.vectorWeight);
      fused.get(hit.position)!.cosine = hit.cosine;
    });
  }
  best(options.keywordScores ?? store.keyword.scoreAll(queryTerms), DEPTH, options.within?.mask).forEach((hit, rank) =>
    add(hit.position, rank, options.keywordWeight),
  );
  const top = [...fused.values()].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, options.k);
  if (vector) for (const c of top) c.cosine ??= cosineOf(store, vector, c.position);
  return top;
}

/** Cosine of the question with a passage (vectors are unit length), undefined for a passage without a vector. */
function cosineOf(store: LoadedStore, vector: Float32Array, position: number): number | undefined {
  let dot = 0;
  let any = false;
  for (let j = 0, o = position * vector.length; j < vector.length; j++) {
    const x = store.vectors[o + j]!;
    if (x !== 0) any = true;
    dot += x * vector[j]!;
  }
  return any ? dot : undefined;
}

/** Nearest passages by cosine: the HNSW graph over the whole index, an exact scan inside a subset. */
function nearest(store: LoadedStore, vector: Float32Array, within?: Subset): Array<{ position: number; cosine: number }> {
  if (!within) return store.hnsw.search(vector, DEPTH).map((hit) => ({ position: hit.position, cosine: 1 - hit.distance }));
  const scored: Array<{ position: number; cosine: number }> = [];
  for (const position of within.positions) {
    const cosine = cosineOf(store, vector, position);
    if (cosine !== undefined) scored.push({ position, cosine });
  }
  return scored.sort((a, b) => b.cosine - a.cosine || a.position - b.position).slice(0, DEPTH);
}

export function subsetOf(positions: number[], count: number): Subset {
  const mask = new Uint8Array(count);
  for (const p of positions) mask[p] = 1;
  return { positions, mask };
}
