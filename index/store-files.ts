// Low-level layout of INDEX_DIR: numbered version folders and a CURRENT file naming the live one.
// A build writes a whole new folder, then replaces CURRENT with one rename, so readers see old or new, never a mix.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CURRENT_FILE = 'CURRENT';

/** The live version folder's name, or undefined when no index was ever built here. */
export function readCurrentVersion(indexDir: string): string | undefined {
  try {
    const name = readFileSync(join(indexDir, CURRENT_FILE), 'utf8').trim();
    return /^v[\w.-]+$/.test(name) ? name : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a file and flushes it to disk, so a crash after the rename can't leave it empty. */
export function writeDurable(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function pointCurrentAt(indexDir: string, version: string): void {
  const temp = join(indexDir, `${CURRENT_FILE}.${process.pid}.tmp`);
  writeDurable(temp, version + '\n');
  renameSync(temp, join(indexDir, CURRENT_FILE));
  syncDir(indexDir);
}

export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
