// The passage's vector similarity to the question, in spreads above what unrelated text scores under this model.
import type { Feature } from './types.ts';

export const passageSimilarity: Feature = {
  description: "the passage's cosine with the question, in standard deviations above unrelated text (z)",
  value: (c, q) => (c.cosine === undefined ? 0 : zScore(c.cosine, q.passageBackground)),
};

export function zScore(x: number, spread: { mean: number; std: number }): number {
  return (x - spread.mean) / spread.std;
}
