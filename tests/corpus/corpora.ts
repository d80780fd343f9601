// The four development corpora with their question sets: the CSTO article, the article plus the 233 State of the
// Union addresses, the discord.js guide (vendored under tests/corpora) and pino's documentation (the pino package,
// a dependency, ships it). Each has a development set (for tuning) and a held-out set (for the report only).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildIndex } from '../../index/build.ts';
import { STORE_FORMAT_VERSION } from '../../store/format.ts';
import { parseEvalFile, type EvalCase } from '../../retrieval/evaluate.ts';
import { PROJECT_ROOT } from '../helpers/temp-corpus.ts';
import { writeSotuSeeds } from './sotu.ts';

export interface Corpus {
  name: 'article' | 'mixed' | 'discordjs' | 'pino';
  label: string;
  /** Fills an empty seeds folder with the corpus. */
  writeSeeds(dir: string): void;
}

const require = createRequire(import.meta.url);
const copyArticle = (dir: string) => cpSync(join(PROJECT_ROOT, 'seeds'), dir, { recursive: true });
const copyMarkdown = (from: string, to: string) => {
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md') || entry.name === 'SOURCE.md') continue;
    const path = join(entry.parentPath, entry.name);
    const target = join(to, path.slice(from.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target);
  }
};

export const CORPORA: Corpus[] = [
  { name: 'article', label: 'the CSTO article', writeSeeds: copyArticle },
  {
    name: 'mixed',
    label: 'the article + 233 State of the Union addresses',
    writeSeeds: (dir) => {
      copyArticle(dir);
      writeSotuSeeds(dir);
    },
  },
  { name: 'discordjs', label: 'the discord.js guide', writeSeeds: (dir) => copyMarkdown(join(PROJECT_ROOT, 'tests/corpora/discordjs-guide'), dir) },
  { name: 'pino', label: "pino's documentation", writeSeeds: (dir) => copyMarkdown(join(dirname(require.resolve('pino/package.json')), 'docs'), dir) },
];

export type QuestionSet = 'dev' | 'holdout';

export function questions(corpus: Corpus, set: QuestionSet): EvalCase[] {
  return parseEvalFile(readFileSync(join(PROJECT_ROOT, 'tests/eval', `${corpus.name}-${set}.jsonl`), 'utf8'));
}

export interface PreparedCorpus {
  corpus: Corpus;
  seedsDir: string;
  indexDir: string;
  read(source: string): string;
}

/** The corpus's seeds and a built index under `workDir/<name>/` (built again when `rebuild` or when missing). */
export async function prepareCorpus(
  corpus: Corpus,
  workDir: string,
  options: { modelsDir: string; model: string; rebuild?: boolean; log?: (m: string) => void },
): Promise<PreparedCorpus> {
  const dir = join(workDir, corpus.name);
  const seedsDir = join(dir, 'seeds');
  const indexDir = join(dir, 'index');
  const stamp = join(dir, 'model');
  const built = `${options.model} format ${STORE_FORMAT_VERSION}`;
  const stale = !existsSync(stamp) || readFileSync(stamp, 'utf8') !== built;
  if (options.rebuild || stale || !existsSync(join(indexDir, 'CURRENT'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(seedsDir, { recursive: true });
    corpus.writeSeeds(seedsDir);
    await buildIndex({ seedsDir, indexDir, modelsDir: options.modelsDir, model: options.model, full: true, warn: options.log ?? (() => {}) });
    writeFileSync(stamp, built);
  }
  const cache = new Map<string, string>();
  const read = (source: string) => cache.get(source) ?? cache.set(source, readFileSync(join(seedsDir, source), 'utf8')).get(source)!;
  return { corpus, seedsDir, indexDir, read };
}
