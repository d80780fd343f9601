// How much of the question the unit holds: the idf-weighted share of its words found there (similar words in part).
import type { Feature } from './types.ts';

export const coverage: Feature = {
  description: "share of the question's idf weight the unit holds (similar words count in part)",
  value: (c, q) => q.matcher.coverage(c.match.credits),
};
