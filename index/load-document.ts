// A document as the index takes it: loaded by its format's loader and cut into passages, or the reason it can't be.
import { UnreadableDocument } from '../loaders/types.ts';
import { chunkDocument, type ChunkedDocument } from './chunk.ts';
import type { SeedDocument } from './documents.ts';

/** A loaded file: its passages, its size, its format's name and, for formats that aren't text, the extracted text. */
export type LoadedFile = ChunkedDocument & { chars: number; format: string; extractedText?: string };

export type LoadResult = LoadedFile | { reason: string };

export async function loadDocument(doc: SeedDocument): Promise<LoadResult> {
  try {
    const loaded = await doc.loader.load(doc.bytes, doc.fileTitle);
    const chunked = chunkDocument(doc.source, loaded);
    if (chunked.passages.length === 0) return { reason: 'no text to index' };
    const { format, extracted } = doc.loader;
    return { ...chunked, chars: loaded.text.length, format, ...(extracted && { extractedText: loaded.text }) };
  } catch (error) {
    if (!(error instanceof UnreadableDocument)) throw error;
    return { reason: error.message };
  }
}
