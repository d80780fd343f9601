// One indexer at a time per index folder: an exclusive lock file holding the owner's pid.
import { mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../embedding/process-alive.ts';

export class IndexBusyError extends Error {
  constructor(pid: number) {
    super(`another indexer (pid ${pid}) is already building this index; wait for it to finish`);
  }
}

/** Lock files this process holds: a lock naming our own pid that isn't here was left by an earlier process with our pid. */
const held = new Set<string>();
/** How long a lock file may stay empty while its creator writes its pid into it. */
const EMPTY_GRACE_MS = 2000;

export function acquireIndexLock(indexDir: string): () => void {
  mkdirSync(indexDir, { recursive: true });
  const path = join(indexDir, 'indexer.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      return () => {
        held.delete(path);
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const content = readOwner(path);
      if (content === undefined) continue; // released meanwhile
      const owner = Number.parseInt(content, 10);
      const stale = owner === process.pid ? !held.has(path) : !(Number.isInteger(owner) && owner > 0 && isAlive(owner));
      if (!stale) throw new IndexBusyError(owner);
      takeOver(path, content); // left behind by a killed indexer
    }
  }
  throw new Error(`cannot take the index lock ${path}`);
}

/**
 * The lock file's content, or undefined if it is gone. A lock file is created empty and its pid written just
 * after: an empty one is waited for, and only counts as stale (its creator died in between) after a grace period.
 */
function readOwner(path: string): string | undefined {
  for (;;) {
    let content: string;
    let age: number;
    try {
      content = readFileSync(path, 'utf8');
      age = Date.now() - statSync(path).mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (content.trim() !== '' || age > EMPTY_GRACE_MS) return content;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}

/**
 * Removes a dead owner's lock. It is moved aside first and checked: if another process took it over in the
 * meantime, the lock moved aside is that live one's, and it is put back rather than deleted.
 */
function takeOver(path: string, staleContent: string): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== staleContent) {
    try {
      closeSync(openSync(path, 'wx')); // unless a third process has locked since (the next attempt reports it)
      renameSync(aside, path);
    } catch {
      // someone holds the lock now; the next attempt reports them
    }
  }
  rmSync(aside, { force: true });
}
