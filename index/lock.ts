// One indexer at a time per index folder: an exclusive lock file holding the owner's pid.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export class IndexBusyError extends Error {
  constructor(pid: number) {
    super(`another indexer (pid ${pid}) is already building this index; wait for it to finish`);
  }
}

export function acquireIndexLock(indexDir: string): () => void {
  mkdirSync(indexDir, { recursive: true });
  const path = join(indexDir, 'indexer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new IndexBusyError(owner);
      rmSync(path, { force: true }); // left behind by a killed indexer
    }
  }
  throw new Error(`cannot take the index lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
