// The keyword index's per-term and per-unit data, decoded once at load: term ids, idf, word vectors, unit terms.
import { fromBase64, type KeywordIndexData } from '../store/keyword-format.ts';
import type { Passage } from '../store/format.ts';

export class Lexicon {
  readonly ids = new Map<string, number>();
  /** Term of each id. */
  readonly terms: string[];
  readonly words: string[];
  readonly dimension: number;
  /** idf of each term (body field), by id. */
  readonly idf: Float32Array;
  /** Unit word vectors, `dimension` floats per term id; all-zero rows for words the model had no vector for. */
  readonly vectors: Float32Array;
  /** 1 where the term has a word vector. */
  readonly hasVector: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly termIds: Uint32Array;
  /** Index of each passage's first unit in the unit lists. */
  private readonly firstUnit: Uint32Array;
  private readonly norms: Float32Array;

  constructor(data: KeywordIndexData, passages: Passage[], dimension: number, idf: (term: string) => number) {
    data.vocabulary.forEach((term, id) => this.ids.set(term, id));
    this.idf = Float32Array.from(data.vocabulary, idf);
    this.terms = data.vocabulary;
    this.words = data.words;
    this.dimension = dimension;
    this.vectors = fromBase64(data.termVectors, Float32Array);
    this.hasVector = Uint8Array.from(data.vocabulary, (_, id) => (this.vectors.subarray(id * dimension, (id + 1) * dimension).some((x) => x !== 0) ? 1 : 0));
    const packed = fromBase64(data.sentenceTerms, Uint32Array);
    let units = 0;
    this.firstUnit = new Uint32Array(passages.length);
    passages.forEach((p, i) => {
      this.firstUnit[i] = units;
      units += p.units.length;
    });
    if (this.vectors.length !== data.vocabulary.length * dimension || packed.length < units + 1) {
      throw new Error('the keyword index does not match the passages');
    }
    this.offsets = packed.subarray(0, units + 1);
    this.termIds = packed.subarray(units + 1);
    this.norms = new Float32Array(units);
    for (let s = 0; s < units; s++) this.norms[s] = this.bagNorm(this.termIds.subarray(this.offsets[s]!, this.offsets[s + 1]!));
  }

  /** Length of the idf-weighted sum of the terms' word vectors (see TermMatcher's similarity). */
  bagNorm(ids: ArrayLike<number>): number {
    const sum = new Float64Array(this.dimension);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const w = this.idf[id]!;
      for (let d = 0, o = id * this.dimension; d < this.dimension; d++) sum[d] = sum[d]! + w * this.vectors[o + d]!;
    }
    let norm = 0;
    for (let d = 0; d < this.dimension; d++) norm += sum[d]! * sum[d]!;
    return Math.sqrt(norm);
  }

  unitNorm(position: number, k: number): number {
    return this.norms[this.firstUnit[position]! + k]!;
  }

  /** The term's unit word vector, or undefined when the term is unknown or the model had no vector for it. */
  vector(id: number): Float32Array | undefined {
    return this.hasVector[id] ? this.vectors.subarray(id * this.dimension, (id + 1) * this.dimension) : undefined;
  }

  /** Term ids of unit `k` of the passage at `position`, in text order. */
  unit(position: number, k: number): Uint32Array {
    const s = this.firstUnit[position]! + k;
    return this.termIds.subarray(this.offsets[s]!, this.offsets[s + 1]!);
  }
}
