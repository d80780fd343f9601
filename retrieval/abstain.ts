// Decides whether the best quote answers the question, from evidence relative to this corpus (idf weights),
// not a raw similarity. Calibrated on tests/eval/seed.jsonl and tests/eval/sotu.jsonl together.

export interface Evidence {
  /** Distinct content words in the question. */
  termCount: number;
  /**
   * Share of the question's idf weight, beyond the words naming a document, that the best quote answers
   * (words no passage has weigh the most; similar words count in part; see TermMatcher.focusCoverage).
   */
  focus: number;
  /** The question wants a number or a name ("how many", "who") and the quote has none. */
  lacksAskedType: boolean;
  /** The question names something ("Afghanistan", "Xi Jinping") that no document mentions. */
  unknownName: boolean;
}

export const ABSTAIN = { focus: 0.2, focusWithUnknownName: 0.3 };

export function decideAnswered(e: Evidence): boolean {
  return e.termCount > 0 && !e.lacksAskedType && e.focus >= (e.unknownName ? ABSTAIN.focusWithUnknownName : ABSTAIN.focus);
}
