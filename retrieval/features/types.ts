// What a ranking feature sees: one unit of a candidate passage, and what is known about the question.
import type { Passage, Spread } from '../../store/format.ts';
import type { Query } from '../query.ts';
import type { Lexicon } from '../lexicon.ts';
import type { Match, TermMatcher } from '../term-match.ts';

export interface UnitCandidate {
  passage: Passage;
  /** The passage's position in the index. */
  position: number;
  /** Index of the unit in passage.units. */
  unit: number;
  /** How the unit's words (and its title's and headings') meet the question's. */
  match: Match;
  /** Credits the unit's document title and section headings give (part of match.credits). */
  headings: Float32Array;
  /** match.credits with those of the units beside it in the same block. */
  withNeighbours: Float32Array;
  /** The passage's BM25F score and cosine with the question. */
  bm25: number;
  cosine?: number;
}

export interface QuestionContext {
  query: Query;
  matcher: TermMatcher;
  /** The best BM25F score among the candidates. */
  maxBm25: number;
  /** Passage cosines of unrelated text under this model (from the manifest). */
  passageBackground: Spread;
  /** Mean and spread of the candidate units' word-vector similarity to the question. */
  similarity: Spread;
  /** Terms of each document's title and path. */
  titleTerms: Map<string, Set<string>>;
  lexicon: Lexicon;
  passages: Passage[];
}

export interface Feature {
  /** What it measures, for --explain and the README. */
  description: string;
  value(candidate: UnitCandidate, context: QuestionContext): number;
}
