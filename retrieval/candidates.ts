// Passages worth looking into: the best by BM25F and the nearest by vector, together.
import type { Bm25fParams } from './bm25f.ts';
import type { LoadedIndex } from './loaded-index.ts';
import type { Query } from './query.ts';

export interface CandidatePassage {
  position: number;
  /** BM25F score (0 when no question word is in the passage). */
  bm25: number;
  /** Cosine with the question, when both have a vector. */
  cosine?: number;
}

export function findCandidates(index: LoadedIndex, query: Query, params: { depth: number; bm25f: Bm25fParams }, source?: string): CandidatePassage[] {
  const within = source !== undefined ? new Set(index.bySource.get(source) ?? []) : undefined;
  const scored = index.bm25f.scoreAll(query.terms.map((t) => t.term), params.bm25f).filter((s) => !within || within.has(s.position));
  const byPosition = new Map<number, CandidatePassage>();
  for (const s of top(scored, params.depth)) byPosition.set(s.position, { position: s.position, bm25: s.score });
  if (query.vector) {
    for (const hit of nearest(index, query.vector, params.depth, within)) {
      if (!byPosition.has(hit.position)) byPosition.set(hit.position, { position: hit.position, bm25: 0 });
    }
    const bm25 = new Map(scored.map((s) => [s.position, s.score]));
    for (const c of byPosition.values()) {
      c.bm25 ||= bm25.get(c.position) ?? 0;
      const cosine = cosineOf(index, query.vector, c.position);
      if (cosine !== undefined) c.cosine = cosine;
    }
  }
  return [...byPosition.values()];
}

function top<T extends { score: number; position: number }>(all: T[], k: number): T[] {
  if (all.length <= k) return [...all].sort((a, b) => b.score - a.score || a.position - b.position);
  const cut = kthLargest(Float64Array.from(all, (s) => s.score), k);
  return all.filter((s) => s.score >= cut).sort((a, b) => b.score - a.score || a.position - b.position).slice(0, k);
}

/** The k-th largest value (Hoare's selection, in place): linear, where sorting every score was not. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

/** Nearest passages by cosine: the HNSW graph over the whole index, an exact scan inside one document. */
function nearest(index: LoadedIndex, vector: Float32Array, k: number, within?: Set<number>): Array<{ position: number }> {
  if (!within) return index.hnsw.search(vector, k);
  const scored: Array<{ position: number; score: number }> = [];
  for (const position of within) {
    const cosine = cosineOf(index, vector, position);
    if (cosine !== undefined) scored.push({ position, score: cosine });
  }
  return top(scored, k);
}

/** Cosine of the question with a passage (vectors are unit length), undefined for a passage without a vector. */
export function cosineOf(index: LoadedIndex, vector: Float32Array, position: number): number | undefined {
  let dot = 0;
  let any = false;
  for (let j = 0, o = position * vector.length; j < vector.length; j++) {
    const x = index.vectors[o + j]!;
    if (x !== 0) any = true;
    dot += x * vector[j]!;
  }
  return any ? dot : undefined;
}
