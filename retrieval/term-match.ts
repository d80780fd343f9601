// How well a piece of text answers each of the question's words: 1 for the same term, partial credit for a
// similar word, 0 otherwise. Similar means: the two word vectors' cosine stands well above what unrelated words
// score under this model (the index's word background), a WordNet synonym whose vector agrees, or a word derived
// from the same stem ("Mexican", "Mexico").
import { termWords } from '../language/terms.ts';
import type { Spread } from '../store/format.ts';
import type { Lexicon } from './lexicon.ts';

export interface QueryTerm {
  term: string;
  /** The word as typed, lowercased: what the model embeds when the corpus lacks the term. */
  word: string;
  /** idf: a word few passages have weighs more; a word none has weighs most. */
  weight: number;
  vector?: Float32Array;
  /** Numbers match only themselves: 1790 is not 1791. */
  exactOnly: boolean;
  /** Terms of the word's WordNet synonyms. */
  synonyms?: Set<string>;
}

/** Partial credit for similar words, by how many background spreads (z) their cosine stands above chance. */
export interface SoftParams {
  /** z below this earns nothing... */
  from: number;
  /** ...this and above earns `max`; linear between. */
  to: number;
  max: number;
  /** A WordNet synonym earns this, when its vector's z is at least `synonymFrom`. */
  synonym: number;
  synonymFrom: number;
  /** A word sharing a long stem ("statesman", "state") earns this, when its z is at least `from`. */
  derived: number;
}

/** How a unit (or any run of text) meets the question. */
export interface Match {
  /** Credit per question term, 0..1. */
  credits: Float32Array;
  /** Cosine between the question's and the text's idf-weighted sums of word vectors. */
  similarity: number;
}

export class TermMatcher {
  readonly size: number;
  private readonly ids: Array<number | undefined>;
  readonly total: number;
  /**
   * Credits (and, in one more slot, pull towards the question) per vocabulary id, computed once per question:
   * `size + 1` floats from `cache.get(id)` in `pool`, so no array is allocated per word.
   */
  private readonly cache = new Map<number, number>();
  private pool = new Float32Array(0);
  private pooled = 0;
  /** The question words' vectors (zero rows for words without one), then the question's bag of words. */
  private readonly rows: Float32Array;
  private readonly cosines: Float32Array;

  constructor(
    readonly query: QueryTerm[],
    private readonly lexicon: Lexicon,
    private readonly words: Spread,
    private readonly soft: SoftParams,
  ) {
    this.ids = query.map((q) => lexicon.ids.get(q.term));
    this.size = query.length;
    this.total = query.reduce((sum, q) => sum + q.weight, 0);
    const dim = lexicon.dimension;
    this.rows = new Float32Array((this.size + 1) * dim);
    const bag = this.rows.subarray(this.size * dim);
    query.forEach((q, i) => {
      const id = this.ids[i];
      const vector = q.vector ?? (id !== undefined ? lexicon.vector(id) : undefined);
      if (!vector) return;
      this.rows.set(vector, i * dim);
      for (let d = 0; d < dim; d++) bag[d] = bag[d]! + q.weight * vector[d]!;
    });
    normalise(bag);
    this.cosines = new Float32Array(this.size + 1);
  }

  /** How a run of term ids (a unit) meets the question; `norm`: see Lexicon.bagNorm (stored for units). */
  match(ids: ArrayLike<number>, norm = this.lexicon.bagNorm(ids)): Match {
    const n = this.size;
    const credits = new Float32Array(n);
    let toward = 0;
    for (let k = 0; k < ids.length; k++) {
      const at = this.credits(ids[k]!);
      const c = this.pool;
      toward += c[at + n]!;
      for (let i = 0; i < n; i++) if (c[at + i]! > credits[i]!) credits[i] = c[at + i]!;
    }
    return { credits, similarity: norm > 0 ? toward / norm : 0 };
  }

  /** The same for any text (a clause of a unit). */
  matchText(text: string): Match {
    return this.match(this.termIds(text).ids);
  }

  /** Per term id, the question terms it matches exactly (-1 for none); for proximity. */
  exactIndex(id: number): number {
    return this.ids.indexOf(id);
  }

  /** Lexicon ids of a text's terms, with where each stands in the text. */
  termIds(text: string): { ids: number[]; at: number[] } {
    const ids: number[] = [];
    const at: number[] = [];
    for (const w of termWords(text)) {
      const id = this.lexicon.ids.get(w.term);
      if (id === undefined) continue;
      ids.push(id);
      at.push(w.at);
    }
    return { ids, at };
  }

  /** Share of the question's weight the credits hold, 0..1. */
  coverage(credits: Float32Array): number {
    let got = 0;
    this.query.forEach((q, i) => (got += q.weight * credits[i]!));
    return this.total > 0 ? got / this.total : 0;
  }

  /**
   * Share of the question's rarer half (its terms of at least median weight) the credits hold: a quote that
   * matches the common words of an on-topic question but not what is particular about it answers little.
   */
  rareCoverage(credits: Float32Array): number {
    const sorted = this.query.map((q) => q.weight).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    let got = 0;
    let total = 0;
    this.query.forEach((q, i) => {
      if (q.weight < median) return;
      total += q.weight;
      got += q.weight * credits[i]!;
    });
    return total > 0 ? got / total : 0;
  }

  /** Where in `pool` the credits each question term gets from one vocabulary term start (then its pull toward the question). */
  private credits(id: number): number {
    const known = this.cache.get(id);
    if (known !== undefined) return known;
    const n = this.size;
    if (this.pooled + n + 1 > this.pool.length) {
      const grown = new Float32Array(Math.max(1024, 2 * (this.pooled + n + 1)));
      grown.set(this.pool);
      this.pool = grown;
    }
    const at = this.pooled;
    this.pooled += n + 1;
    const out = this.pool;
    const cosines = this.cosines.fill(0);
    const dim = this.lexicon.dimension;
    if (this.lexicon.hasVector[id]) {
      const { vectors } = this.lexicon;
      const rows = this.rows;
      for (let i = 0, base = id * dim; i <= n; i++) {
        if (i < n && this.ids[i] === id) continue;
        let sum = 0;
        for (let d = 0, o = i * dim; d < dim; d++) sum += rows[o + d]! * vectors[base + d]!;
        cosines[i] = sum;
      }
    }
    const term = this.lexicon.terms[id]!;
    const { soft } = this;
    for (let i = 0; i < n; i++) {
      out[at + i] = 0;
      if (this.ids[i] === id) {
        out[at + i] = 1;
        continue;
      }
      const q = this.query[i]!;
      if (q.exactOnly || cosines[i] === 0) continue;
      const z = (cosines[i]! - this.words.mean) / this.words.std;
      if (z <= soft.from && z < soft.synonymFrom) continue;
      let credit = z <= soft.from ? 0 : soft.max * Math.min(1, (z - soft.from) / Math.max(soft.to - soft.from, 1e-6));
      if (z >= soft.from && derived(q.term, term)) credit = Math.max(credit, soft.derived);
      if (z >= soft.synonymFrom && q.synonyms?.has(term)) credit = Math.max(credit, soft.synonym);
      out[at + i] = credit;
    }
    // How much the word points the question's way: its vector against the question's, times its idf.
    out[at + n] = this.lexicon.idf[id]! * cosines[n]!;
    this.cache.set(id, at);
    return at;
  }
}

/** Mexican and Mexico, hero and heroism: one word derived from the other. */
function derived(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.max(4, shorter - 1);
}

function normalise(v: Float32Array): void {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < v.length; d++) v[d] = v[d]! / norm;
}

export function maxInto(target: Float32Array, other: Float32Array): Float32Array {
  for (let i = 0; i < target.length; i++) if (other[i]! > target[i]!) target[i] = other[i]!;
  return target;
}
