// Text embedder: a Transformers.js sentence-embedding model (downloaded once from the Hugging Face hub,
// then cached), or the offline static model built locally when the hub model can't be had.
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import { embedTexts } from './embed-batch.mjs';
import { HUB_HOST, loadPipeline } from './load-pipeline.ts';
import { ensureStaticModel, STATIC_MODEL_ID } from './static-model.ts';

export const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';
export const OFFLINE_MODEL = STATIC_MODEL_ID;

export interface Embedder {
  id: string;
  dimension: number;
  /** L2-normalised mean-pooled vectors in input order; null for a text the model can't embed. */
  embed(texts: string[]): Promise<(Float32Array | null)[]>;
  close(): Promise<void>;
}

export interface EmbedderOptions {
  /** Default DEFAULT_MODEL. */
  model?: string;
  /** Downloaded and built models live here. */
  cacheDir: string;
  /** Where models are downloaded from (default the Hugging Face hub); for tests. */
  remoteHost?: string;
  /** Default true: if DEFAULT_MODEL can't be had, use OFFLINE_MODEL. */
  fallback?: boolean;
  /** Default console.warn. */
  warn?: (message: string) => void;
  /** How long the model host may take to answer a request; default 20 s. */
  timeoutMs?: number;
}

export async function loadEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const model = options.model ?? DEFAULT_MODEL;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const host = options.remoteHost ?? HUB_HOST;
  let reason: string;
  try {
    return await openEmbedder(model, options);
  } catch (error) {
    reason = oneLine(error);
  }
  if (model === OFFLINE_MODEL) throw new Error(`Could not build or load the offline embedding model in ${options.cacheDir}: ${reason}`);
  const failure = `Could not load embedding model "${model}" from ${host} or the cache in ${options.cacheDir}: ${reason}`;
  if (model !== DEFAULT_MODEL || options.fallback === false) throw new Error(failure);
  warn(
    `Embedding model "${model}" is unavailable (${reason}); using the offline model "${OFFLINE_MODEL}" ` +
      `(static GloVe word vectors, weaker on paraphrase). For the better model, run once with access to ` +
      `${host}: it is then cached in ${options.cacheDir}.`,
  );
  try {
    return await openEmbedder(OFFLINE_MODEL, options);
  } catch (error) {
    throw new Error(`${failure}; the offline model failed too: ${oneLine(error)}`);
  }
}

async function openEmbedder(model: string, options: EmbedderOptions): Promise<Embedder> {
  const dir = options.cacheDir;
  let pipe: FeatureExtractionPipeline;
  if (model === OFFLINE_MODEL) {
    await ensureStaticModel(dir);
    pipe = await loadPipeline({ model, dir, remote: false });
  } else {
    pipe = await loadPipeline({ model, dir, remote: true, remoteHost: options.remoteHost, timeoutMs: options.timeoutMs });
  }
  const [probe] = await embedTexts(pipe, ['the first text warms the model up']);
  const config = pipe.model.config as unknown as Record<string, unknown>;
  const dimension = probe?.length ?? Number(config.hidden_size);

  let closed = false;
  return {
    id: model,
    dimension,
    async embed(texts) {
      if (closed) throw new Error('embedder is closed');
      return embedTexts(pipe, texts);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pipe.dispose();
    },
  };
}

/** The error's message and its causes' ("fetch failed: connect ECONNREFUSED ..."), on one line. */
function oneLine(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 4; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(': ').replace(/\s+/g, ' ').trim();
}
