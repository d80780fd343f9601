// keyword-tokens.bin: what the next build reuses of the keyword side, in binary so it costs little to write and read.
// Layout: u32 length of a UTF-8 JSON header, the header, zero padding to a multiple of 4, then the segments
// (Uint32, little-endian) and the word vectors (Float32).

export interface WordVectors {
  words: string[];
  /** words.length * dimension floats. */
  vectors: Float32Array;
}

export interface StoredTokens {
  /** Term (stem) and word of each form id. */
  terms: string[];
  words: string[];
  /** Segment offsets [segments + 1] (into the ids that follow), then form ids. Each passage has 1 + its sentences segments, in position order. */
  segments: Uint32Array;
  /** The vocabulary's word vectors (keyword.json's words and termVectors), so the next build embeds only new words. */
  wordVectors: WordVectors;
}

interface Header {
  terms: string[];
  words: string[];
  vectorWords: string[];
  segments: number;
  vectors: number;
}

export function encodeTokens(stored: StoredTokens): Buffer {
  const { terms, words, segments, wordVectors } = stored;
  const header: Header = { terms, words, vectorWords: wordVectors.words, segments: segments.length, vectors: wordVectors.vectors.length };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const padding = Buffer.alloc((4 - (json.length % 4)) % 4);
  return Buffer.concat([length, json, padding, bytesOf(segments), bytesOf(wordVectors.vectors)]);
}

/** Throws when the bytes are not a whole tokens file. */
export function decodeTokens(bytes: Buffer): StoredTokens {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + length)) as Header;
  const start = 4 + length + ((4 - (length % 4)) % 4);
  if (bytes.length !== start + 4 * (header.segments + header.vectors)) throw new Error('the tokens file is truncated');
  const body = bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length); // aligned copy
  return {
    terms: header.terms,
    words: header.words,
    segments: new Uint32Array(body, 0, header.segments),
    wordVectors: { words: header.vectorWords, vectors: new Float32Array(body, 4 * header.segments, header.vectors) },
  };
}

function bytesOf(array: Uint32Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
