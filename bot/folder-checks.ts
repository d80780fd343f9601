import { readdirSync, statSync } from 'node:fs';

/**
 * What an index folder may hold besides a live index (see index/store-writer.ts and index/lock.ts): version folders,
 * the CURRENT pointer and its temp file, a build's staging folder and scratch file, the indexer's lock. A folder
 * holding only these is citebot's, even mid-way through a first build that was killed.
 */
const INDEX_ENTRY = /^(CURRENT(\.\d+\.tmp)?|v[\w.-]+|staging-.+|indexer\.lock.*)$/u;

export interface FolderReport {
  /** Each stops the start, one line. */
  problems: string[];
  /** Worth one line in the log, but the bot can serve. */
  warnings: string[];
}

function kind(path: string): 'missing' | 'folder' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Checks SEEDS_DIR and INDEX_DIR before anything is written: an index is only ever built into a folder that is
 * missing, empty or citebot's own, and only from a documents folder that exists.
 */
export function checkFolders(settings: { seedsDir: string; indexDir: string }): FolderReport {
  const { seedsDir, indexDir } = settings;
  const problems: string[] = [];
  const warnings: string[] = [];
  const index = kind(indexDir);
  const entries = index === 'folder' ? readdirSync(indexDir) : [];
  const hasIndex = entries.includes('CURRENT');
  if (index === 'other') problems.push(`INDEX_DIR ${indexDir} is a file, not a folder`);
  const foreign = entries.filter((name) => !INDEX_ENTRY.test(name));
  if (!hasIndex && foreign.length > 0) {
    const example = foreign.slice(0, 3).join(', ');
    problems.push(
      `INDEX_DIR ${indexDir} holds other things (${example}${foreign.length > 3 ? ', …' : ''}) and no citebot index; ` +
        'point INDEX_DIR at a new or empty folder',
    );
  }
  const seeds = kind(seedsDir);
  if (seeds !== 'folder') {
    const what = seeds === 'missing' ? 'does not exist' : 'is not a folder';
    if (hasIndex) warnings.push(`SEEDS_DIR ${seedsDir} ${what}: answering from the existing index, but /reindex will fail`);
    else problems.push(`SEEDS_DIR ${seedsDir} ${what}; create it and put your .txt and .md documents in it`);
  }
  return { problems, warnings };
}
