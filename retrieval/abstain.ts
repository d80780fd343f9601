// Decides whether the best quote answers the question. Calibrated on tests/eval (see README, "When it says no").

export interface Evidence {
  /** Share of the question's idf weight found in the best quote (words no passage has weigh the most). */
  coverage: number;
  /** Best passage's cosine in standard deviations above the question's similarity to typical passages. */
  vectorZ?: number;
  /** Distinct content words in the question. */
  termCount: number;
}

export const ABSTAIN = { coverage: 0.5, lowCoverage: 0.25, vectorZ: 3 };

export function decideAnswered(e: Evidence): boolean {
  if (e.termCount === 0) return false;
  if (e.coverage >= ABSTAIN.coverage) return true;
  return e.coverage >= ABSTAIN.lowCoverage && (e.vectorZ ?? 0) >= ABSTAIN.vectorZ;
}
