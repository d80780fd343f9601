// The one table of ranking weights and the abstention boundary: written by `npm run tune` (cli/tune.ts), which
// fits them on the development question sets of every corpus together.
import { readFileSync } from 'node:fs';
import type { Bm25fParams } from './bm25f.ts';
import type { FeatureName } from './features/index.ts';
import type { SoftParams } from './term-match.ts';

export interface Weights {
  candidates: { depth: number };
  bm25f: Bm25fParams;
  soft: SoftParams;
  /** Each feature's weight in a unit's score. */
  features: Record<FeatureName, number>;
  /** Logistic model of "the best quote answers the question": declined below 0.5. */
  abstain: { bias: number; coverage: number; rareCoverage: number; passageSimilarity: number; missing: number; missingNames: number };
}

export const WEIGHTS: Weights = JSON.parse(readFileSync(new URL('./weights.json', import.meta.url), 'utf8')) as Weights;
