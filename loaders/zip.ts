// Reads a zip archive's directory and checks every entry inflates to no more than it declares, within a budget,
// before any other reader (mammoth's JSZip) inflates it: a zip bomb is refused having cost at most the budget.
// Entries are found as JSZip finds them (central directory, then each local header), and archives it would read
// differently (data before the archive, ZIP64, unknown compression) are refused rather than guessed at.
import { inflateRawSync } from 'node:zlib';
import { megabytes } from '../config/settings.ts';
import { UnreadableDocument } from './types.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the compressed data. */
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's entries; throws UnreadableDocument when it is not a zip laid out as expected. */
export function zipEntries(bytes: Uint8Array, what: string): ZipEntry[] {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string) => new UnreadableDocument(`damaged ${what} (${why})`);
  const end = findEnd(data);
  if (end < 0) throw damaged('no zip directory; the file may be cut short');
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryStart = data.readUInt32LE(end + 16);
  if (count === 0xffff || directoryStart === 0xffffffff) throw damaged('ZIP64 archives are not read');
  if (directoryStart + directorySize !== end) throw damaged('the zip directory is not where the archive says');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || data.readUInt32LE(at) !== CENTRAL) throw damaged('a zip directory entry is broken');
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localStart = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localStart === 0xffffffff) throw damaged('ZIP64 archives are not read');
    if (method !== 0 && method !== 8) throw damaged(`${name} is compressed in a way Word does not use`);
    if (localStart + 30 > directoryStart || data.readUInt32LE(localStart) !== LOCAL) throw damaged(`${name} is not where the directory says`);
    const dataStart = localStart + 30 + data.readUInt16LE(localStart + 26) + data.readUInt16LE(localStart + 28);
    if (dataStart + compressedSize > directoryStart) throw damaged(`${name} runs past the end of the archive`);
    entries.push({ name, method, compressedSize, size, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The end-of-central-directory record: the last signature in the file, as JSZip finds it (a comment may follow
 * it, of at most 64 KB); -1 when that one is no whole record.
 */
function findEnd(data: Buffer): number {
  for (let at = data.length - 4; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === EOCD) return at + 22 <= data.length ? at : -1;
  }
  return -1;
}

/**
 * Inflates every entry, each to at most the size it declares, refusing the archive when the declared sizes add up
 * to more than `budget` bytes or an entry holds more than it declares (a bomb that lies about its sizes).
 */
export function checkZipSizes(bytes: Uint8Array, entries: ZipEntry[], budget: number, what: string): void {
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > budget) {
    throw new UnreadableDocument(`${what} would expand to ${megabytes(declared)} (a zip bomb?); the limit is ${megabytes(budget)}`);
  }
  for (const entry of entries) readZipEntry(bytes, entry, what);
}

/** One entry's bytes, never more than it declares. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, what: string): Buffer {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize) throw new UnreadableDocument(`damaged ${what} (${entry.name} has two sizes)`);
    return data;
  }
  let out: Buffer;
  try {
    // One byte over the declared size is enough to know the entry lies.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size + 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new UnreadableDocument(`${what} holds more than it declares (${entry.name}): a zip bomb?`);
    }
    throw new UnreadableDocument(`damaged ${what} (${entry.name} does not inflate)`);
  }
  if (out.length !== entry.size) {
    throw new UnreadableDocument(out.length > entry.size ? `${what} holds more than it declares (${entry.name}): a zip bomb?` : `damaged ${what} (${entry.name} is cut short)`);
  }
  return out;
}
