// HNSW recall@k against exact (brute-force) cosine search over the stored vectors.
import type { StoreData } from '../../store/read.ts';

export function hnswRecall(store: StoreData, queries: Float32Array[], k = 10): number {
  const dim = store.manifest.model.dimension;
  const n = store.passages.length;
  let found = 0;
  let total = 0;
  for (const q of queries) {
    const scores: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      let dot = 0;
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        const v = store.vectors[i * dim + j]!;
        dot += v * q[j]!;
        norm += v * v;
      }
      if (norm > 0) scores.push([i, dot / Math.sqrt(norm)]);
    }
    scores.sort((a, b) => b[1] - a[1]);
    const exact = new Set(scores.slice(0, k).map(([i]) => i));
    for (const hit of store.hnsw.search(q, k)) if (exact.has(hit.position)) found++;
    total += exact.size;
  }
  return found / total;
}
