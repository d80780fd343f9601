// Low-level layout of INDEX_DIR: numbered version folders and a CURRENT file naming the live one.
// A build writes a whole new folder, then replaces CURRENT with one rename, so readers see old or new, never a mix.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

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

export function pointCurrentAt(indexDir: string, version: string): void {
  writeFileAtomic(join(indexDir, CURRENT_FILE), version + '\n');
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
