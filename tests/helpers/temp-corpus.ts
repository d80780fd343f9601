// Temporary seeds and index folders for tests; the model cache is the project's (built once, reused).
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const MODELS_DIR = join(PROJECT_ROOT, 'data/models');
export const SEED_FILE = 'CSTO-Dushanbe-declaration.txt';
/** Tests never try the hub: they use the offline model by name. */
export const TEST_MODEL = OFFLINE_MODEL;

export function tempDir(prefix = 'citebot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A seeds folder holding the given files (path -> text or bytes), optionally with the project's seeds too. */
export function tempSeeds(files: Record<string, string | Uint8Array> = {}, withProjectSeeds = false): string {
  const dir = tempDir('citebot-seeds-');
  if (withProjectSeeds) cpSync(join(PROJECT_ROOT, 'seeds'), dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function engineOptions(seedsDir: string, indexDir = tempDir('citebot-index-')) {
  return { seedsDir, indexDir, modelsDir: MODELS_DIR, model: TEST_MODEL };
}
