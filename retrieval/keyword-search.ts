// BM25 scoring over the persisted keyword index.
import type { KeywordIndexData } from '../store/keyword-format.ts';

export interface Scored {
  position: number;
  score: number;
}

export class KeywordSearch {
  private readonly avgLength: number;
  readonly count: number;
  private readonly scores: Float64Array;

  constructor(private readonly data: KeywordIndexData) {
    this.count = data.lengths.length;
    this.avgLength = data.lengths.reduce((a, b) => a + b, 0) / Math.max(this.count, 1);
    this.scores = new Float64Array(this.count);
  }

  /** Passages holding the term. */
  df(term: string): number {
    const list = this.data.postings[term];
    return list ? list.length / 2 : 0;
  }

  /** Positions of the passages holding the term, in passage order. */
  passagesWith(term: string): number[] {
    const list = this.data.postings[term];
    return list ? list.slice(0, list.length / 2) : [];
  }

  /** Inverse document frequency; a word no passage has gets the highest value. */
  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of every passage holding a question term, unordered. */
  scoreAll(queryTerms: string[]): Scored[] {
    const { k1, b, lengths, postings } = this.data;
    const scores = this.scores;
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const list = postings[term];
      if (!list) continue;
      const idf = this.idf(term);
      const half = list.length / 2;
      for (let i = 0; i < half; i++) {
        const position = list[i]!;
        const tf = list[half + i]!;
        const norm = tf + k1 * (1 - b + (b * lengths[position]!) / this.avgLength);
        if (scores[position] === 0) touched.push(position);
        scores[position] = scores[position]! + (idf * tf * (k1 + 1)) / norm;
      }
    }
    const all = touched.map((position) => ({ position, score: scores[position]! }));
    for (const position of touched) scores[position] = 0;
    return all;
  }
}

/** The k best of scored passages (optionally only those `within` marks), best first. */
export function best(all: Scored[], k: number, within?: Uint8Array): Scored[] {
  const allowed = within ? all.filter((s) => within[s.position]) : all;
  // The k-th best score by a numeric typed-array sort; only passages at or above it are sorted as objects.
  const values = Float64Array.from(allowed, (s) => s.score).sort();
  const cut = values.length > k ? values[values.length - k]! : -Infinity;
  return allowed.filter((s) => s.score >= cut).sort((a, b) => b.score - a.score || a.position - b.position).slice(0, k);
}
