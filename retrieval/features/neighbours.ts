// How much of the question the unit and the sentences beside it in its paragraph hold together: an answer
// often takes two sentences, and the quote then takes both.
import type { Feature } from './types.ts';

export const neighbours: Feature = {
  description: "share of the question's idf weight the unit and its neighbours in the same paragraph hold",
  value: (c, q) => q.matcher.coverage(c.withNeighbours),
};
