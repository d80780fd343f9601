// Passages worth quoting: the best of the whole index, plus the best of any document the question names.
import { hybridSearch, subsetOf, type Candidate, type Subset } from './hybrid-search.ts';
import type { LoadedStore } from '../store/read.ts';

export interface CandidateOptions {
  /** Passages fetched per search. */
  k: number;
  vectorWeight: number;
  keywordWeight: number;
}

export function findCandidates(
  store: LoadedStore,
  bySource: Map<string, number[]>,
  vector: Float32Array | null,
  terms: string[],
  scope: { source?: string; named: string[] },
  options: CandidateOptions,
): Candidate[] {
  const keywordScores = store.keyword.scoreAll(terms);
  const search = (within?: Subset) => hybridSearch(store, vector, terms, { ...options, within, keywordScores });
  const within = (sources: string[]) => subsetOf(sources.flatMap((s) => bySource.get(s) ?? []), store.passages.length);
  if (scope.source !== undefined) return search(within([scope.source]));
  const candidates = search();
  if (scope.named.length > 0) {
    // Questions that name a document ("Lincoln's 1862 address") also get that document's best passages.
    for (const c of search(within(scope.named))) {
      const known = candidates.find((x) => x.position === c.position);
      if (!known) candidates.push(c);
      else known.score = Math.max(known.score, c.score);
    }
  }
  return candidates;
}
