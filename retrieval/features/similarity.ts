// The unit's words' pull toward the question (idf-weighted word vectors), relative to the other candidates.
import type { Feature } from './types.ts';

export const similarity: Feature = {
  description: "the unit's idf-weighted word vectors against the question's, in standard deviations over the candidates",
  value: (c, q) => (c.match.similarity - q.similarity.mean) / q.similarity.std,
};
