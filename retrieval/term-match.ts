// How well a piece of text answers each of the question's words: 1 for the same term, partial credit for a
// similar word (by the embedding model's word vectors, so "summit" finds "meeting"), 0 otherwise.
import { termWords } from '../language/terms.ts';
import type { Lexicon } from './lexicon.ts';

export interface QueryTerm {
  term: string;
  /** The word as typed, lowercased: what the model embeds when the corpus lacks the term. */
  word: string;
  /** idf: a word few passages have weighs more; a word none has weighs most. */
  weight: number;
  vector?: Float32Array;
  /** Names and numbers: "Ukraine" must not be answered by "Armenia", nor 1790 by 1791. */
  exactOnly: boolean;
  /** The question's first word. */
  leading?: boolean;
  /** Stems of the word's WordNet synonyms. */
  synonyms?: Set<string>;
}

/** Cosine below `from` earns nothing, `to` and above earns `max`; linear between. */
export const SOFT = { from: 0.45, to: 0.8, max: 0.8 };
/** Derived words (see derived()) earn this, if at least DERIVED_COSINE alike: "state" and "statement" are not one word. */
const DERIVED = 0.5;
const DERIVED_COSINE = 0.3;
/** A WordNet synonym earns this, if its word vector is at least SYNONYM_COSINE alike (the sense fits). */
const SYNONYM = { credit: 0.65, cosine: 0.15 };

/** How a sentence (or any run of text) meets the question. */
export interface Match {
  /** Credit per question term, 0..1. */
  credits: Float32Array;
  /** Cosine between the question's and the text's idf-weighted sums of word vectors. */
  similarity: number;
}

export class TermMatcher {
  readonly size: number;
  private readonly ids: Array<number | undefined>;
  private readonly total: number;
  /** Credits (and, in one more slot, pull towards the question) per vocabulary id, computed once per question. */
  private readonly cache = new Map<number, Float32Array>();
  private readonly titleCache = new Map<number, Float32Array>();
  /** The question words' vectors (zero rows for words without one), then the question's bag of words. */
  private readonly rows: Float32Array;
  private readonly bag: Float32Array;
  private readonly cosines: Float32Array;

  constructor(
    readonly query: QueryTerm[],
    private readonly lexicon: Lexicon,
  ) {
    this.ids = query.map((q) => lexicon.ids.get(q.term));
    this.size = query.length;
    this.total = query.reduce((sum, q) => sum + q.weight, 0);
    this.rows = new Float32Array((this.size + 1) * lexicon.dimension);
    query.forEach((q, i) => q.vector && this.rows.set(q.vector, i * lexicon.dimension));
    this.bag = this.rows.subarray(this.size * lexicon.dimension);
    this.cosines = new Float32Array(this.size + 1);
    this.focusOn(new Float32Array(this.size));
  }

  /**
   * What similarity is about: the question without the words the named documents' titles answer (`given`),
   * so "Polk's 1846 address" does not favour sentences that mention 1846 or an address. Call before matching.
   */
  focusOn(given: Float32Array): void {
    this.cache.clear();
    this.bag.fill(0);
    this.query.forEach((q, i) => {
      const id = this.ids[i];
      const vector = q.vector ?? (id !== undefined ? this.lexicon.vector(id) : undefined);
      const weight = q.weight * (1 - given[i]!);
      if (vector) for (let d = 0; d < vector.length; d++) this.bag[d] = this.bag[d]! + weight * vector[d]!;
    });
    normalise(this.bag);
  }

  /** How a run of term ids (a sentence) meets the question; `norm`: see Lexicon.bagNorm (stored for sentences). */
  match(ids: ArrayLike<number>, norm = this.lexicon.bagNorm(ids)): Match {
    const n = this.size;
    const credits = new Float32Array(n);
    let toward = 0;
    for (let k = 0; k < ids.length; k++) {
      const c = this.credits(ids[k]!);
      toward += c[n]!;
      for (let i = 0; i < n; i++) if (c[i]! > credits[i]!) credits[i] = c[i]!;
    }
    return { credits, similarity: norm > 0 ? toward / norm : 0 };
  }

  /** The same for any text (a clause of a sentence). */
  matchText(text: string): Match {
    return this.match(this.termIds(text).ids);
  }

  /**
   * Credit per question term from a document's title: the question words a document answers by being
   * that document ("Lincoln's 1862 address"). Names match loosely here, so "JFK" finds "Kennedy".
   */
  matchTitle(ids: ArrayLike<number>): Float32Array {
    const out = new Float32Array(this.size);
    for (let k = 0; k < ids.length; k++) maxInto(out, this.credits(ids[k]!, true));
    return out;
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
   * Share of what the question asks beyond naming the document (the weight `given` does not hold) that the
   * credits hold. Half a rare phrase is half an answer: "a bomb" does not answer "the atomic bomb".
   */
  focusCoverage(credits: Float32Array, given: Float32Array): number {
    const open = this.query.map((q, i) => q.weight * (1 - given[i]!));
    const asked = open.reduce((a, b) => a + b, 0);
    if (asked <= 0) return 1;
    const rare = asked / open.filter((w) => w > 0).length;
    const counted = Float32Array.from(credits);
    for (let i = 0; i + 1 < this.size; i++) {
      if (open[i]! < rare || open[i + 1]! < rare || given[i]! >= 0.5 || given[i + 1]! >= 0.5) continue;
      if (credits[i]! >= 0.5 && credits[i + 1]! < 0.25) counted[i] = credits[i]! / 2;
      if (credits[i + 1]! >= 0.5 && credits[i]! < 0.25) counted[i + 1] = credits[i + 1]! / 2;
    }
    let got = 0;
    this.query.forEach((q, i) => (got += q.weight * Math.max(0, counted[i]! - given[i]!)));
    return got / asked;
  }

  /** Credit each question term gets from one vocabulary term; names may match only titles loosely. */
  private credits(id: number, title = false): Float32Array {
    const cache = title ? this.titleCache : this.cache;
    let out = cache.get(id);
    if (out) return out;
    const n = this.size;
    out = new Float32Array(n + 1);
    // Cosines with the question's words and bag (the rows of `rows`); a name's only when the words look derived.
    const term = this.lexicon.terms[id]!;
    const cosines = this.cosines.fill(0);
    if (this.lexicon.hasVector[id]) {
      const { vectors, dimension: dim } = this.lexicon;
      for (let i = 0, base = id * dim; i <= n; i++) {
        if (i < n && (this.ids[i] === id || (this.query[i]!.exactOnly && !title && !derived(this.query[i]!.term, term)))) continue;
        let sum = 0;
        for (let d = 0, o = i * dim; d < dim; d++) sum += this.rows[o + d]! * vectors[base + d]!;
        cosines[i] = sum;
      }
    }
    for (let i = 0; i < n; i++) {
      if (this.ids[i] === id) {
        out[i] = 1;
        continue;
      }
      const q = this.query[i]!;
      if (title || !q.exactOnly) out[i] = soft(cosines[i]!);
      if (cosines[i]! >= DERIVED_COSINE && derived(q.term, term)) out[i] = Math.max(out[i]!, DERIVED);
      if (q.synonyms?.has(term) && cosines[i]! >= SYNONYM.cosine) out[i] = Math.max(out[i]!, SYNONYM.credit);
    }
    // How much the word points the question's way: its vector against the question's, times its idf.
    out[n] = this.lexicon.idf[id]! * cosines[n]!;
    cache.set(id, out);
    return out;
  }
}

/** Mexican and Mexico, hero and heroism: one word derived from the other (their meanings must agree too). */
function derived(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.max(4, shorter - 1);
}

function soft(cosine: number): number {
  if (cosine <= SOFT.from) return 0;
  return SOFT.max * Math.min(1, (cosine - SOFT.from) / (SOFT.to - SOFT.from));
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
