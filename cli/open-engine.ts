// The engine for the command line and tests: the index is built from the seeds first when there is none.
import { buildIndex } from '../index/build.ts';
import { openEngine, type OpenEngineOptions } from '../retrieval/engine.ts';
import type { Engine } from '../retrieval/engine-types.ts';

export function openOrBuildEngine(options: OpenEngineOptions): Promise<Engine> {
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  return openEngine({ ...options, build: () => buildIndex({ ...options, warn: (m) => log(`warning: ${m}`) }) });
}
