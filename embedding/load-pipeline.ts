// Loads a Transformers.js feature-extraction pipeline. Transformers.js keeps its settings in one global
// `env` that it reads all through a load, so loads here run one at a time with env set for each.
import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import { atomicModelCache } from './atomic-cache.ts';

export const HUB_HOST = 'https://huggingface.co/';

export interface PipelineSource {
  model: string;
  /** Models are looked up as `<dir>/<model id>/`; downloads are cached there too. */
  dir: string;
  /** Fetch missing files from `remoteHost`; otherwise only local files are used. */
  remote: boolean;
  remoteHost?: string;
  /** How long the host may take to answer each request (default 20 s). */
  timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

export function loadPipeline(source: PipelineSource): Promise<FeatureExtractionPipeline> {
  const run = queue.then(() => load(source));
  queue = run.catch(() => undefined);
  return run;
}

async function load(source: PipelineSource): Promise<FeatureExtractionPipeline> {
  const host = withSlash(source.remoteHost ?? HUB_HOST);
  env.allowLocalModels = true;
  env.localModelPath = withSlash(source.dir);
  env.cacheDir = source.dir;
  env.useFSCache = false;
  env.useCustomCache = true;
  env.customCache = atomicModelCache(source.dir, host);
  env.allowRemoteModels = source.remote;
  env.remoteHost = host;
  const open = () => pipeline('feature-extraction', source.model, { quantized: true }) as Promise<FeatureExtractionPipeline>;
  return source.remote ? withHostTimeout(host, source.timeoutMs ?? 20_000, open) : open();
}

/**
 * Runs `fn` with requests to `host` aborted when the host has not answered within `ms`, so a hanging
 * network fails the load instead of hanging it. Transformers.js calls the global fetch, which is wrapped
 * for the duration (other hosts pass through untouched). On failure, downloads still running are aborted.
 */
async function withHostTimeout<T>(host: string, ms: number, fn: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  const controller = new AbortController();
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(host)) return original(input, init);
    const timer = setTimeout(() => controller.abort(new Error(`no answer from ${host} within ${ms / 1000} s`)), ms);
    return original(input, { ...init, signal: controller.signal }).finally(() => clearTimeout(timer));
  };
  try {
    return await fn();
  } catch (error) {
    controller.abort(error);
    throw error;
  } finally {
    globalThis.fetch = original;
  }
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
