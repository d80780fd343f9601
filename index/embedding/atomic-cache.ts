// Transformers.js's own file cache writes a download straight to its final name, so a process killed while
// writing leaves a cut-short model file that every later load trips over. This cache writes each download to
// a temporary file and renames it into place, in the same layout (`<dir>/<model id>/<file>`).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A cache for `env.customCache`: it only stores; stored files are found as local models. */
export function atomicModelCache(dir: string, host: string) {
  return {
    match: async (): Promise<undefined> => undefined,
    put: async (url: string, response: Response): Promise<void> => {
      const path = cachePath(dir, host, url);
      if (!path) return;
      const data = Buffer.from(await response.arrayBuffer());
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      try {
        await writeFile(temp, data);
        await rename(temp, path);
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
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
