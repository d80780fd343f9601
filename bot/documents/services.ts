// What /documents works with: the folder, the record of added documents, previews waiting for Confirm, and how
// links are fetched and files previewed.
import type { BotConfig } from '../config.ts';
import type { BotSettings } from '../types.ts';
import { LruCache } from '../util/lru.ts';
import { fetchDocument, type Fetched, type FetchLimits } from './fetch.ts';
import { DocumentFolder } from './folder.ts';
import { PreviewBusy, previewFile, type Preview, type PreviewCommand } from './preview.ts';
import { AddedDocuments } from './registry.ts';

const MAX_PREVIEWS = 2;

/** A previewed file waiting for its Confirm or Cancel (only in memory: a restart forgets it, nothing was written). */
export interface PendingDocument {
  /** Who asked for it; only they may confirm it. */
  userId: string;
  name: string;
  bytes: Buffer;
  /** The page it was fetched from (a link, not an attachment). */
  url: string | undefined;
  preview: Preview & { ok: true };
}

export interface DocumentServices {
  folder: DocumentFolder;
  added: AddedDocuments;
  pending: LruCache<PendingDocument>;
  maxBytes: number;
  fetch(url: string): Promise<Fetched>;
  preview(bytes: Uint8Array, name: string): Promise<Preview>;
}

export function createDocumentServices(config: BotConfig, settings: BotSettings, previewCommand: PreviewCommand): DocumentServices {
  const limits: FetchLimits = {
    allowedHosts: config.fetchAllowedHosts,
    maxBytes: config.documentMaxBytes,
    timeoutMs: settings.fetchTimeoutMs,
    maxRedirects: settings.maxRedirects,
  };
  const folder = new DocumentFolder(config.seedsDir, config.removedDir, config.removedKeepDays);
  let previewing = 0;
  return {
    folder,
    added: new AddedDocuments(config.addedDocumentsFile),
    pending: new LruCache(settings.pendingPreviews.max, settings.pendingPreviews.ttlMs),
    maxBytes: config.documentMaxBytes,
    fetch: (url) => fetchDocument(url, limits),
    async preview(bytes, name) {
      // Each preview is a process reading a file of up to DOCUMENT_MAX_BYTES: a few at a time is plenty.
      if (previewing >= MAX_PREVIEWS) throw new PreviewBusy();
      previewing++;
      try {
        return await previewFile(previewCommand, bytes, name, settings.previewTimeoutMs);
      } finally {
        previewing--;
      }
    },
  };
}
