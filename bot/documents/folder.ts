// The documents folder as /documents changes it. Files from Discord go to <SEEDS_DIR>/added/, written atomically;
// nothing is ever deleted at once: a removed or replaced file moves (or is copied) to <REMOVED_DIR>/<when>/<path>,
// where it stays for REMOVED_KEEP_DAYS so a mistake can be undone by moving it back.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { syncDir, writeDurable, writeFileAtomic } from '../../store/atomic-write.ts';
import { nameKey } from './names.ts';

export const ADDED_FOLDER = 'added';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A writer's temporary file (store/atomic-write.ts): `<name>.<pid>.tmp`. */
const TEMP_FILE = /\.(\d+)\.tmp$/u;
const STAMP = /^(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z-[0-9a-f]+$/u;

/** Something about the folder that stops a change; the message is for the moderator. */
export class FolderProblem extends Error {}

export interface ExistingFile {
  /** Its name as it is on disk (may differ from the one asked for by case). */
  name: string;
  hash: string | undefined;
}

export class DocumentFolder {
  readonly addedDir: string;

  constructor(
    private readonly seedsDir: string,
    private readonly removedDir: string,
    private readonly keepDays: number,
    private readonly now: () => number = Date.now,
  ) {
    this.addedDir = join(seedsDir, ADDED_FOLDER);
  }

  /** The index's path of a file in added/ ("added/rules.md"). */
  static source(name: string): string {
    return `${ADDED_FOLDER}/${name}`;
  }

  /** The names in added/ (not temporary files), or none when the folder isn't there yet. */
  names(): string[] {
    return listed(this.addedDir).filter((name) => !TEMP_FILE.test(name)).sort();
  }

  /** The file in added/ that `name` would be: the same name, or one differing only by case. */
  existing(name: string): ExistingFile | undefined {
    const found = this.names().find((other) => nameKey(other) === nameKey(name));
    if (!found) return undefined;
    try {
      const path = join(this.addedDir, found);
      const hash = lstatSync(path).isFile() ? createHash('sha256').update(readFileSync(path)).digest('hex') : undefined;
      return { name: found, hash };
    } catch {
      return { name: found, hash: undefined };
    }
  }

  /**
   * Writes added/<name> atomically (a reader or a kill sees the old file or the new, never part of one). A file it
   * replaces is first copied to the removed folder. Returns where that copy is.
   */
  write(name: string, bytes: Uint8Array): { keptAt?: string } {
    this.prepareAdded();
    const target = join(this.addedDir, name);
    if (dirname(target) !== this.addedDir) throw new FolderProblem('that name would leave the added/ folder');
    let keptAt: string | undefined;
    const old = statOrUndefined(target);
    if (old && !old.isFile()) throw new FolderProblem(`${DocumentFolder.source(name)} exists and is not a regular file; a server admin must look at it`);
    if (old) keptAt = this.keep(DocumentFolder.source(name), (destination) => copyDurably(target, destination));
    this.removeStaleTemp();
    try {
      writeFileAtomic(target, bytes);
    } catch (error) {
      throw new FolderProblem(`could not write ${DocumentFolder.source(name)} (${describe(error)}); the folder is as it was`);
    }
    return keptAt ? { keptAt } : {};
  }

  /** Moves a document (its path below SEEDS_DIR) to the removed folder; returns where it is now. */
  remove(source: string): string {
    const path = this.inside(source);
    const stat = statOrUndefined(path);
    if (!stat) throw new FolderProblem(`${source} is not in the documents folder (already removed?)`);
    if (!stat.isFile()) throw new FolderProblem(`${source} is not a regular file; a server admin must remove it`);
    const keptAt = this.keep(source, (destination) => moveDurably(path, destination));
    this.prune();
    return keptAt;
  }

  /** Deletes removal folders older than the keeping period. Never throws (a failure is retried next time). */
  prune(): void {
    for (const stamp of listed(this.removedDir)) {
      const match = STAMP.exec(stamp);
      if (!match) continue;
      const when = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
      if (this.now() - when > this.keepDays * DAY_MS) removeQuietly(join(this.removedDir, stamp));
    }
  }

  /** Temporary files a killed writer left in added/ (the running bot is the only writer there). Never throws. */
  removeStaleTemp(): void {
    for (const name of listed(this.addedDir)) {
      const pid = TEMP_FILE.exec(name)?.[1];
      if (pid && Number(pid) !== process.pid) removeQuietly(join(this.addedDir, name));
    }
  }

  /** Puts a copy of `source` (made by `put`) under a new stamped folder of the removed folder. */
  private keep(source: string, put: (destination: string) => void): string {
    const stamp = `${new Date(this.now()).toISOString().replace(/:/gu, '-').replace('.', '-')}-${randomBytes(3).toString('hex')}`;
    const destination = join(this.removedDir, stamp, ...source.split('/'));
    try {
      mkdirSync(dirname(destination), { recursive: true });
      put(destination);
    } catch (error) {
      throw new FolderProblem(`could not keep a copy in the removed folder (${describe(error)}); nothing was changed`);
    }
    return destination;
  }

  /** The absolute path of `source`, refused unless it is a plain path inside SEEDS_DIR (after links). */
  private inside(source: string): string {
    const parts = source.split('/');
    if (isAbsolute(source) || source.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
      throw new FolderProblem('that is not a document path below the documents folder');
    }
    const path = join(this.seedsDir, ...parts);
    let realParent: string;
    let realSeeds: string;
    try {
      realParent = realpathSync(dirname(path));
      realSeeds = realpathSync(this.seedsDir);
    } catch {
      throw new FolderProblem(`${source} is not in the documents folder (already removed?)`);
    }
    const within = relative(realSeeds, realParent);
    if (within.startsWith('..') || isAbsolute(within) || within.split(sep).includes('..')) {
      throw new FolderProblem(`${source} lies outside the documents folder (through a link); a server admin must remove it`);
    }
    return path;
  }

  /** Makes added/ if needed; refuses one that is a link or not a folder, so writes can't land elsewhere. */
  private prepareAdded(): void {
    const stat = statOrUndefined(this.addedDir);
    if (stat && !stat.isDirectory()) throw new FolderProblem(`${ADDED_FOLDER}/ in the documents folder is not a plain folder (a link or a file)`);
    if (stat) return;
    try {
      mkdirSync(this.addedDir);
    } catch (error) {
      throw new FolderProblem(`could not create the ${ADDED_FOLDER}/ folder (${describe(error)})`);
    }
  }
}

/** A folder's entries; none when it can't be read (or isn't there yet). */
function listed(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Best effort: what can't be deleted now is tried again next time. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // left for the next try
  }
}

function statOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function copyDurably(from: string, to: string): void {
  writeDurable(to, readFileSync(from));
  syncDir(dirname(to));
}

/** rename, or copy and delete across file systems (the removed folder is often on another volume). */
function moveDurably(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyDurably(from, to);
    unlinkSync(from);
  }
  syncDir(dirname(to));
  syncDir(dirname(from));
}

/** A file system error in a few words ("read-only file system"). */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'over the disk quota';
  return code ?? (error as Error).message.split('\n')[0] ?? 'unknown error';
}

/** A path as a moderator should read it: below the working folder when it is there. */
export function shownPath(path: string): string {
  const below = relative(process.cwd(), path);
  return below.startsWith('..') || isAbsolute(below) ? path : below;
}
