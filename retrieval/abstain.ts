// Whether a quote answers the question: a logistic model over evidence that means the same in any corpus and
// under any model (the share of the question the quote holds, how far its passage's similarity stands above
// unrelated text, the share of the question no document has), fitted by `npm run tune`. Declined below 0.5.
import type { Weights } from './weights.ts';

export interface Evidence {
  /** Share of the question's idf weight the quote holds (with the words its title and headings hold). */
  coverage: number;
  /** The same for the question's rarer half (see TermMatcher.rareCoverage). */
  rareCoverage: number;
  /** The passage's cosine with the question in spreads above unrelated text (0 without vectors). */
  passageSimilarity: number;
  /** Share of the question's idf weight on words no document has, other than names. */
  missing: number;
  /** The same for names no document has (capitalised words past the first, words with digits). */
  missingNames: number;
}

export function confidence(e: Evidence, model: Weights['abstain']): number {
  const x = model.bias + model.coverage * e.coverage + model.rareCoverage * e.rareCoverage + model.passageSimilarity * e.passageSimilarity + model.missing * e.missing + model.missingNames * e.missingNames;
  return 1 / (1 + Math.exp(-x));
}

export const ANSWERS = 0.5;
