// The citable text of each indexed document: what its passages' and quotes' offsets slice. For a PDF, Word file or
// web page it is the text extracted at indexing, kept in the version folder as texts/<file hash>.txt (so a quote
// stays exact whatever the extractor does next year); for a text or markdown file it is the file itself.
import { existsSync, linkSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncDir, writeDurable } from './atomic-write.ts';
import { readCurrentVersion, sha256 } from './files.ts';
import { keptTextFile, STORE_FILES, type FileEntry, type Manifest } from './format.ts';
import { StoreError } from './read.ts';

/** An extracted text for a new version: written out, or linked from the version it was kept in. */
export type TextToStore = { hash: string; text: string } | { hash: string; from: string };

export function textPath(versionDir: string, hash: string): string {
  return join(versionDir, keptTextFile(hash));
}

/** Writes (or links) the texts into a staging version folder, flushed to disk. */
export function writeTexts(versionDir: string, texts: TextToStore[]): void {
  const dir = join(versionDir, STORE_FILES.texts);
  mkdirSync(dir, { recursive: true });
  for (const item of texts) {
    const path = textPath(versionDir, item.hash);
    if (existsSync(path)) continue; // two files with the same content share one text
    if ('text' in item) writeDurable(path, item.text);
    else linkOrCopy(item.from, path);
  }
  syncDir(dir);
}

/** A kept text is never changed in place, so the next version may share its bytes. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    writeDurable(to, readFileSync(from)); // a file system without hard links
  }
}

/** The kept text when it is whole (its checksum matches), else undefined. */
export function readKeptText(versionDir: string, entry: FileEntry): string | undefined {
  if (!entry.textSha256) return undefined;
  try {
    const bytes = readFileSync(textPath(versionDir, entry.hash));
    return sha256(bytes) === entry.textSha256 ? bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A reader of the live index's documents' citable texts, by source path: the kept text, or the file in
 * `seedsDir` (checked to be the bytes that were indexed). Throws StoreError with the reason and the fix.
 */
export function citableTexts(indexDir: string, seedsDir: string): (source: string) => string {
  const version = readCurrentVersion(indexDir);
  if (!version) throw new StoreError(`there is no index at ${indexDir}; build it with \`npm run index\``);
  const dir = join(indexDir, version);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, STORE_FILES.manifest), 'utf8')) as Manifest;
  } catch {
    throw new StoreError(`the index at ${indexDir} is damaged (${STORE_FILES.manifest} is unreadable); rebuild it with \`npm run index -- --full\``);
  }
  const cache = new Map<string, string>();
  return (source) => {
    const cached = cache.get(source);
    if (cached !== undefined) return cached;
    const entry = manifest.files?.[source];
    if (!entry) throw new StoreError(`${source} is not in the index`);
    const text = entry.textSha256 ? keptText(dir, entry, source) : fileText(seedsDir, entry, source);
    cache.set(source, text);
    return text;
  };
}

function keptText(dir: string, entry: FileEntry, source: string): string {
  const text = readKeptText(dir, entry);
  if (text === undefined) throw new StoreError(`the index's text of ${source} is missing or damaged; rebuild it with \`npm run index -- --full\``);
  return text;
}

function fileText(seedsDir: string, entry: FileEntry, source: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(seedsDir, source));
  } catch {
    throw new StoreError(`${source} is gone from ${seedsDir} since it was indexed; run \`npm run index\``);
  }
  if (sha256(bytes) !== entry.hash) throw new StoreError(`${source} has changed since it was indexed; run \`npm run index\``);
  // The bytes that were indexed, so valid UTF-8; a byte order mark is part of the text, as the loaders read it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}
