// How similar a question is to passages in general, so a match can be judged against this corpus, not a fixed cosine.
import type { LoadedStore } from './load-store.ts';

export interface QueryBackground {
  /** How many standard deviations `cosine` stands above the question's similarity to typical passages. */
  zScore(query: Float32Array, cosine: number): number;
}

const SAMPLE = 512;

export function queryBackground(store: LoadedStore): QueryBackground {
  const dim = store.manifest.model.dimension;
  const rows: Float32Array[] = [];
  const count = store.passages.length;
  const step = Math.max(1, Math.floor(count / SAMPLE));
  for (let i = 0; i < count && rows.length < SAMPLE; i += step) {
    const row = store.vectors.subarray(i * dim, (i + 1) * dim);
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  return {
    zScore(query, cosine) {
      if (rows.length < 2) return 0;
      let sum = 0;
      let sumSq = 0;
      for (const row of rows) {
        let dot = 0;
        for (let j = 0; j < dim; j++) dot += row[j]! * query[j]!;
        sum += dot;
        sumSq += dot * dot;
      }
      const mean = sum / rows.length;
      const std = Math.sqrt(Math.max(sumSq / rows.length - mean * mean, 1e-6));
      return (cosine - mean) / std;
    },
  };
}
