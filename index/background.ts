// How similar unrelated texts are under this model in this index, so retrieval can read a cosine as "this many
// spreads above chance" whatever the model: a static model's cosines and MiniLM's live on different scales.
// Passages: WordNet definitions (questions about nothing in particular) against passages sampled evenly
// over the index. Words: WordNet head words against words sampled evenly over the vocabulary.
import type { Embedder } from '../embedding/embedder.ts';
import { backgroundSample } from '../language/english/background.ts';
import type { Background, Spread } from '../store/format.ts';

const PASSAGES = 300;
const WORDS = 1000;

export async function measureBackground(
  embedder: Embedder,
  passageVectors: Float32Array,
  wordVectors: Float32Array,
): Promise<Background> {
  const sample = backgroundSample();
  const dim = embedder.dimension;
  const [glosses, words] = await Promise.all([embedder.embed(sample.glosses), embedder.embed(sample.words)]);
  return {
    passage: spread(present(glosses), evenRows(passageVectors, dim, PASSAGES), dim),
    word: spread(present(words), evenRows(wordVectors, dim, WORDS), dim),
  };
}

function present(vectors: (Float32Array | null)[]): Float32Array[] {
  return vectors.filter((v): v is Float32Array => v !== null);
}

/** Up to `count` non-zero rows, evenly spaced. */
function evenRows(matrix: Float32Array, dim: number, count: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let i = 0; i < matrix.length / dim; i++) {
    const row = matrix.subarray(i * dim, (i + 1) * dim);
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  if (rows.length <= count) return rows;
  const step = rows.length / count;
  return Array.from({ length: count }, (_, k) => rows[Math.floor(k * step)]!);
}

function spread(a: Float32Array[], b: Float32Array[], dim: number): Spread {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (const x of a) {
    for (const y of b) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += x[d]! * y[d]!;
      n++;
      sum += dot;
      squares += dot * dot;
    }
  }
  if (n < 2) return { mean: 0, std: 1 };
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(squares / n - mean * mean, 1e-8)) };
}
