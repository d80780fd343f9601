// The word-vector table of the offline model: GloVe rows with SIF weights ("A simple but tough-to-beat
// baseline for sentence embeddings", Arora et al. 2017) baked in and the common direction removed, then
// quantised to int8 per row. Only + - * / and sqrt are used, so every build gives the same bytes.
import { readGloveWords } from './glove-reader.ts';

export const VOCAB_SIZE = 100_000;
const SIF_A = 1e-3;
const POWER_ITERATIONS = 100;

export interface QuantisedTable {
  words: string[];
  dimension: number;
  /** words.length x dimension, row-major. */
  values: Int8Array;
  /** One dequantisation scale per row. */
  scales: Float32Array;
}

export const isPlainWord = (word: string): boolean => /^[a-z0-9]+$/.test(word);

export function buildGloveTable(vocabSize = VOCAB_SIZE): QuantisedTable {
  const glove = readGloveWords(vocabSize, isPlainWord);
  const { words, dimension: dim, vectors } = glove;
  const p = zipfProbabilities(glove.ranks, glove.size);
  for (let r = 0; r < words.length; r++) {
    const w = SIF_A / (SIF_A + p[r]!);
    for (let d = 0; d < dim; d++) vectors[r * dim + d]! *= w;
  }
  removeDirection(vectors, dim, commonDirection(vectors, dim, p));
  return { words, dimension: dim, ...quantise(vectors, dim) };
}

/** p(w) of the word with each 0-based rank under Zipf's law over a vocabulary of `size` words. */
function zipfProbabilities(ranks: Int32Array, size: number): Float64Array {
  let harmonic = 0;
  for (let r = size; r >= 1; r--) harmonic += 1 / r;
  return Float64Array.from(ranks, (rank) => 1 / (rank + 1) / harmonic);
}

/**
 * First principal direction of the rows as they occur in text (frequency-weighted, uncentred): the
 * direction every mean-pooled sentence vector shares. Power iteration from the weighted mean.
 */
function commonDirection(vectors: Float64Array, dim: number, p: Float64Array): Float64Array {
  const rows = p.length;
  const cov = new Float64Array(dim * dim);
  let u = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    const pr = p[r]!;
    for (let i = 0; i < dim; i++) {
      const x = pr * vectors[o + i]!;
      u[i]! += x;
      for (let j = i; j < dim; j++) cov[i * dim + j]! += x * vectors[o + j]!;
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i]!;
  normalise(u);
  for (let k = 0; k < POWER_ITERATIONS; k++) {
    const next = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += cov[i * dim + j]! * u[j]!;
      next[i] = s;
    }
    normalise(next);
    u = next;
  }
  return u;
}

function removeDirection(vectors: Float64Array, dim: number, u: Float64Array): void {
  for (let o = 0; o < vectors.length; o += dim) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += vectors[o + d]! * u[d]!;
    for (let d = 0; d < dim; d++) vectors[o + d]! -= dot * u[d]!;
  }
}

function normalise(v: Float64Array): void {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i]! /= n;
}

function quantise(vectors: Float64Array, dim: number): { values: Int8Array; scales: Float32Array } {
  const rows = vectors.length / dim;
  const values = new Int8Array(vectors.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * dim;
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(vectors[o + d]!));
    const scale = Math.fround(max / 127);
    scales[r] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < dim; d++) values[o + d] = Math.max(-127, Math.min(127, Math.round(vectors[o + d]! / scale)));
  }
  return { values, scales };
}
