// Vector and keyword rankings fused by weighted reciprocal rank fusion.
import type { LoadedStore } from './load-store.ts';

export interface Candidate {
  position: number;
  /** Fused score, higher is better. */
  score: number;
  /** Cosine similarity to the question, when the passage has a vector. */
  cosine?: number;
}

export interface HybridOptions {
  k: number;
  allowed?: (position: number) => boolean;
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
    store.hnsw.search(vector, DEPTH, options.allowed).forEach((hit, rank) => {
      add(hit.label, rank, options.vectorWeight);
      fused.get(hit.label)!.cosine = 1 - hit.distance;
    });
  }
  store.keyword.search(queryTerms, DEPTH, options.allowed).forEach((hit, rank) => add(hit.position, rank, options.keywordWeight));
  return [...fused.values()].sort((a, b) => b.score - a.score || a.position - b.position).slice(0, options.k);
}
