// Finds the documents under the seeds folder: files some loader reads (by extension), others skipped with a reason.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { DEFAULT_MAX_DOCUMENT_BYTES, megabytes } from '../config/settings.ts';
import { loaderFor, SUPPORTED_EXTENSIONS } from '../loaders/index.ts';
import type { Loader } from '../loaders/types.ts';

export interface SeedDocument {
  /** Path relative to the seeds folder, forward slashes. */
  source: string;
  bytes: Buffer;
  hash: string;
  loader: Loader;
  /** Title from the file name: "house-rules_2024.txt" -> "house rules 2024". */
  fileTitle: string;
}

export interface Skipped {
  source: string;
  reason: string;
}


export interface FindOptions {
  /** Larger files are skipped without being read (MAX_DOCUMENT_MB); unset = the default. */
  maxBytes?: number;
}

export function findDocuments(seedsDir: string, options: FindOptions = {}): { documents: SeedDocument[]; skipped: Skipped[] } {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const documents: SeedDocument[] = [];
  const skipped: Skipped[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Map<string, string>(); // device:inode -> source, so a file linked twice is read once
  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (error) {
      skipped.push({ source: rel(seedsDir, dir), reason: describe(error) });
      return;
    }
    if (seenDirs.has(real)) {
      skipped.push({ source: rel(seedsDir, dir), reason: 'same folder as one already read (symlink)' });
      return;
    }
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      skipped.push({ source: rel(seedsDir, dir), reason: describe(error) });
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const source = rel(seedsDir, path);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else if (!stat.isFile()) skipped.push({ source, reason: 'not a regular file' });
        else if (!loaderFor(name)) skipped.push({ source, reason: unsupportedReason() });
        else if (seenFiles.has(`${stat.dev}:${stat.ino}`)) {
          skipped.push({ source, reason: `same file as ${seenFiles.get(`${stat.dev}:${stat.ino}`)} (a link)` });
        } else {
          seenFiles.set(`${stat.dev}:${stat.ino}`, source);
          const bytes = readAtMost(path, maxBytes);
          if (typeof bytes === 'number') skipped.push({ source, reason: tooLarge(bytes, maxBytes) });
          else documents.push(seedDocument(source, bytes)!);
        }
      } catch (error) {
        // readdir gives undecodable bytes in a name as U+FFFD, so such a name can't be opened again
        const badName = name.includes('\uFFFD') && (error as NodeJS.ErrnoException).code === 'ENOENT';
        skipped.push({ source, reason: badName ? 'the file name is not valid UTF-8; rename it' : describe(error) });
      }
    }
  };
  statSync(seedsDir); // a missing seeds folder is an error for the caller, not a skipped file
  walk(seedsDir);
  return { documents, skipped };
}

/** A file's bytes as the indexer takes them, or undefined when no loader reads files of that name. */
export function seedDocument(source: string, bytes: Buffer): SeedDocument | undefined {
  const loader = loaderFor(source);
  if (!loader) return undefined;
  const name = basename(source);
  return {
    source,
    bytes,
    hash: createHash('sha256').update(bytes).digest('hex'),
    loader,
    fileTitle: basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || name,
  };
}

/** Why a file no loader reads is skipped. */
export function unsupportedReason(): string {
  return `not a document citebot reads (${SUPPORTED_EXTENSIONS.join(', ')})`;
}

/** The file's bytes, or its size when that is over `max` (checked on the open file, before reading any of it). */
function readAtMost(path: string, max: number): Buffer | number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > max) return size;
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break; // cut short while we read: what was there
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, max: number): string {
  return `too large (${megabytes(size)}; the limit is ${megabytes(max)}, set by MAX_DOCUMENT_MB)`;
}

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'ENOENT') return 'vanished or is a broken link';
  if (code === 'ELOOP') return 'symlink loop';
  return (error as Error).message;
}
