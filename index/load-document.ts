// A document as the index takes it: loaded by its format's loader and cut into passages, or the reason it can't be.
import { UnreadableDocument } from '../loaders/types.ts';
import { chunkDocument, type ChunkedDocument } from './chunk.ts';
import type { SeedDocument } from './documents.ts';

export type LoadResult = (ChunkedDocument & { chars: number }) | { reason: string };

export function loadDocument(doc: SeedDocument): LoadResult {
  try {
    const loaded = doc.loader.load(doc.bytes, doc.fileTitle);
    const chunked = chunkDocument(doc.source, loaded);
    return chunked.passages.length > 0 ? { ...chunked, chars: loaded.text.length } : { reason: 'no text to index' };
  } catch (error) {
    if (!(error instanceof UnreadableDocument)) throw error;
    return { reason: error.message };
  }
}
