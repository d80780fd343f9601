// The passage's BM25F score over title, section path and body, as a share of the best candidate's.
import type { Feature } from './types.ts';

export const bm25: Feature = {
  description: "the passage's BM25F score (title, section, body) relative to the best passage's",
  value: (c, q) => (q.maxBm25 > 0 ? c.bm25 / q.maxBm25 : 0),
};
