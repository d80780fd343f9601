// Transformers.js's own file cache writes a download straight to its final name, so a process killed while
// writing leaves a cut-short model file that every later load trips over. This cache writes each download to
// a temporary file and renames it into place, in the same layout (`<dir>/<model id>/<file>`).
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { isAlive } from './process-alive.ts';

/** A cache for `env.customCache`: it only stores; stored files are found as local models. */
export function atomicModelCache(dir: string, host: string) {
  return {
    match: async (): Promise<undefined> => undefined,
    put: async (url: string, response: Response): Promise<void> => {
      const path = cachePath(dir, host, url);
      if (!path) return;
      const data = Buffer.from(await response.arrayBuffer());
      await mkdir(dirname(path), { recursive: true });
      await removeLeftovers(path);
      writeFileAtomic(path, data);
    },
  };
}

/** Temporary files of writers killed while writing this file (not of one still writing it). */
async function removeLeftovers(path: string): Promise<void> {
  const name = basename(path);
  for (const entry of await readdir(dirname(path))) {
    const pid = Number(/^\.(\d+)\.tmp$/.exec(entry.slice(name.length))?.[1]);
    if (entry.startsWith(`${name}.`) && Number.isInteger(pid) && !isAlive(pid)) await rm(join(dirname(path), entry), { force: true });
  }
}

/** Where a file downloaded from `<host><model>/resolve/<revision>/<file>` is kept, or undefined for other URLs. */
export function cachePath(dir: string, host: string, url: string): string | undefined {
  if (!url.startsWith(host)) return undefined;
  const match = /^(.+?)\/resolve\/[^/]+\/(.+)$/.exec(url.slice(host.length));
  if (!match) return undefined;
  const [model, file] = [match[1]!, match[2]!];
  if ([...model.split('/'), ...file.split('/')].some((part) => part === '..' || part === '')) return undefined;
  return join(dir, model, file);
}
