// The keyword vocabulary's word vectors: copied from the previous index for the words it had, embedded for the rest.
import type { Embedder } from '../embedding/embedder.ts';

const EMBED_BATCH = 512;

import type { WordVectors } from '../store/tokens-file.ts';

/** One unit vector per word (zero rows for words the model can't embed). */
export async function embedWords(embedder: Embedder, words: string[], previous?: WordVectors): Promise<Float32Array> {
  const dim = embedder.dimension;
  const out = new Float32Array(words.length * dim);
  const known = new Map<string, number>();
  previous?.words.forEach((word, row) => known.set(word, row));
  const missing: number[] = [];
  words.forEach((word, row) => {
    const from = known.get(word);
    if (from === undefined || !previous) missing.push(row);
    else out.set(previous.vectors.subarray(from * dim, (from + 1) * dim), row * dim);
  });
  for (let i = 0; i < missing.length; i += EMBED_BATCH) {
    const batch = missing.slice(i, i + EMBED_BATCH);
    const vectors = await embedder.embed(batch.map((row) => words[row]!));
    vectors.forEach((v, j) => v && out.set(v, batch[j]! * dim));
  }
  return out;
}
