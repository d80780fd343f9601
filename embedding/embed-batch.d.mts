import type { FeatureExtractionPipeline } from '@xenova/transformers';

/** L2-normalised mean-pooled vectors in input order; null where the model gives no usable vector. */
export function embedTexts(pipe: FeatureExtractionPipeline, texts: string[]): Promise<(Float32Array | null)[]>;
