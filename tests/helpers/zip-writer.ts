// A small zip writer for hostile archives: entries whose declared sizes are whatever a test says, and deflate
// streams of many zeros built in milliseconds (a zip bomb without the minutes of compressing it).
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  /** The data: deflated here, unless `deflated` gives the compressed bytes already. */
  data?: Uint8Array;
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** Size to declare, when not the true one. */
  declaredSize?: number;
}

export function writeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.deflated ?? { bytes: deflateRawSync(entry.data ?? new Uint8Array()), size: entry.data?.length ?? 0, crc: crc32(entry.data ?? new Uint8Array()) };
    const size = entry.declaredSize ?? packed.size;
    const header = (central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      let at = 4;
      if (central) b.writeUInt16LE(20, at), (at += 2); // version made by
      b.writeUInt16LE(20, at); // version needed
      b.writeUInt16LE(0, at + 2); // flags
      b.writeUInt16LE(8, at + 4); // deflate
      b.writeUInt32LE(0, at + 6); // time, date
      b.writeUInt32LE(packed.crc >>> 0, at + 10);
      b.writeUInt32LE(packed.bytes.length, at + 14);
      b.writeUInt32LE(size, at + 18);
      b.writeUInt16LE(name.length, at + 22);
      b.writeUInt16LE(0, at + 24); // extra
      if (central) b.writeUInt32LE(offset, 42); // comment, disk, attributes are zero
      return b;
    };
    const local = Buffer.concat([header(false), name, packed.bytes]);
    centrals.push(Buffer.concat([header(true), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a zip this writer or a docx library wrote (central directory sizes; deflate or stored). */
export function readZip(bytes: Buffer): Array<{ name: string; data: Buffer }> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out: Array<{ name: string; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const local = bytes.readUInt32LE(at + 42);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressed);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + skip;
  }
  return out;
}

/** A deflate stream of `mib` MiB of one byte value, about 1 KB per MiB. */
export function deflatedRun(mib: number, byte = 0x20): { bytes: Buffer; size: number; crc: number } {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  // Each piece is compressed on its own and ends on a byte boundary without closing the stream, so pieces chain.
  const piece = deflateRawSync(chunk, { finishFlush: constants.Z_SYNC_FLUSH });
  const last = Buffer.from([0x03, 0x00]); // an empty final block
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
  return { bytes: Buffer.concat([...Array.from({ length: mib }, () => piece), last]), size: mib * chunk.length, crc };
}
