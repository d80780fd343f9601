// The ranking features, one file each; a unit's score is the weighted sum of their values (weights.json).
import { answerType } from './answer-type.ts';
import { bm25 } from './bm25.ts';
import { code } from './code.ts';
import { coverage } from './coverage.ts';
import { heading } from './heading.ts';
import { lead } from './lead.ts';
import { neighbours } from './neighbours.ts';
import { passageSimilarity } from './passage-similarity.ts';
import { proximity } from './proximity.ts';
import { similarity } from './similarity.ts';
import type { Feature } from './types.ts';

export const FEATURES = { bm25, passageSimilarity, coverage, neighbours, similarity, proximity, heading, answerType, lead, code } satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];
