// keyword.json: the lexical index as retrieval reads it.

export interface KeywordIndexData {
  /** Body term count of each passage (by position in passages.json). */
  lengths: number[];
  /** Section path term count of each passage. */
  sectionLengths: number[];
  /** Body: term -> [passage positions..., term frequencies...] (two halves of equal length). */
  postings: Record<string, number[]>;
  /** The section path field, laid out as `postings`. */
  sectionPostings: Record<string, number[]>;
  /** Every term (stem), in id order: the order of first occurrence. */
  vocabulary: string[];
  /** The word each term most often comes from (the first seen among equals): what the embedding model is given. */
  words: string[];
  /** base64 of a Uint32Array: offsets [units + 1] (into the ids that follow), then term ids per unit in text order. */
  sentenceTerms: string;
  /** base64 of a Float32Array: vocabulary.length * dimension, unit rows; all-zero for words the model can't embed. */
  termVectors: string;
}

export function toBase64(array: Uint32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function fromBase64<T extends Uint32Array | Float32Array>(text: string, type: new (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, 'base64');
  return new type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
