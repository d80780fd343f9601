// What a file would add to the index, worked out as the indexer would, writing nothing (the bot's preview before
// a moderator confirms /documents add).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCurrentVersion, sha256 } from '../store/files.ts';
import { STORE_FILES, type Location, type Manifest, type UnitKind } from '../store/format.ts';
import { seedDocument, unsupportedReason } from './documents.ts';
import { loadDocument } from './load-document.ts';

/** The first passage, as a quote of it would show. */
export interface PreviewPassage {
  display: string;
  kind: UnitKind;
  language?: string;
  section: string[];
  location: Location;
}

export type DocumentPreview = {
  name: string;
  bytes: number;
  /** sha256 of the bytes, as the index records it. */
  hash: string;
  /** Documents of the live index with exactly these bytes. */
  sameContent: string[];
} & (
  | { ok: true; format: string; title: string; passages: number; first: PreviewPassage }
  | { ok: false; format?: string; reason: string }
);

/**
 * `name` is the file's name: the loader is chosen as the indexer chooses it, and `format` is that loader's first
 * extension ("md"). `indexDir` is the live index, for documents with the same content.
 */
export async function previewDocument(name: string, bytes: Buffer, indexDir: string): Promise<DocumentPreview> {
  const doc = seedDocument(name, bytes);
  const facts = { name, bytes: bytes.length, hash: doc?.hash ?? sha256(bytes), sameContent: [] as string[] };
  if (!doc) return { ...facts, ok: false, reason: unsupportedReason() };
  facts.sameContent = indexedWithHash(indexDir, doc.hash);
  const format = doc.loader.extensions[0]?.replace(/^\./u, '') ?? 'document';
  const loaded = await loadDocument(doc);
  if ('reason' in loaded) return { ...facts, ok: false, format, reason: loaded.reason };
  const first = loaded.passages[0]!;
  const { charStart, charEnd, lineStart, lineEnd, paragraph, page } = first;
  const unit = first.units[0];
  return {
    ...facts,
    ok: true,
    format,
    title: loaded.title,
    passages: loaded.passages.length,
    first: {
      display: first.display.trim(),
      kind: unit?.kind ?? 'prose',
      ...(unit?.language ? { language: unit.language } : {}),
      section: first.section,
      location: { charStart, charEnd, lineStart, lineEnd, paragraph, ...(page !== undefined ? { page } : {}) },
    },
  };
}

/** Sources in the live index's manifest whose content hash is `hash`; none when there is no readable index. */
function indexedWithHash(indexDir: string, hash: string): string[] {
  try {
    const version = readCurrentVersion(indexDir);
    if (!version) return [];
    const manifest = JSON.parse(readFileSync(join(indexDir, version, STORE_FILES.manifest), 'utf8')) as Manifest;
    return Object.entries(manifest.files)
      .filter(([, file]) => file.hash === hash)
      .map(([source]) => source);
  } catch {
    return [];
  }
}
