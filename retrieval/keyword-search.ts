// BM25 scoring over the persisted keyword index.
import type { KeywordIndexData } from '../index/keyword-index.ts';

export interface Scored {
  position: number;
  score: number;
}

export class KeywordSearch {
  private readonly avgLength: number;
  readonly count: number;

  constructor(private readonly data: KeywordIndexData) {
    this.count = data.lengths.length;
    this.avgLength = data.lengths.reduce((a, b) => a + b, 0) / Math.max(this.count, 1);
  }

  /** Inverse document frequency; a word no passage has gets the highest value. */
  idf(term: string): number {
    const list = this.data.postings[term];
    const df = list ? list.length / 2 : 0;
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  /** Passage positions holding the term. */
  has(term: string, position: number): boolean {
    const list = this.data.postings[term];
    if (!list) return false;
    const half = list.length / 2;
    let lo = 0;
    let hi = half - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] === position) return true;
      if (list[mid]! < position) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  search(queryTerms: string[], k: number, allowed?: (position: number) => boolean): Scored[] {
    const { k1, b, lengths, postings } = this.data;
    const scores = new Map<number, number>();
    for (const term of new Set(queryTerms)) {
      const list = postings[term];
      if (!list) continue;
      const idf = this.idf(term);
      const half = list.length / 2;
      for (let i = 0; i < half; i++) {
        const position = list[i]!;
        if (allowed && !allowed(position)) continue;
        const tf = list[half + i]!;
        const norm = tf + k1 * (1 - b + (b * lengths[position]!) / this.avgLength);
        scores.set(position, (scores.get(position) ?? 0) + (idf * tf * (k1 + 1)) / norm);
      }
    }
    return topK(scores, k);
  }
}

function topK(scores: Map<number, number>, k: number): Scored[] {
  const all: Scored[] = [];
  for (const [position, score] of scores) all.push({ position, score });
  all.sort((a, b) => b.score - a.score || a.position - b.position);
  return all.slice(0, k);
}
