// passages.json, written with the previous file's bytes for the passages a build reuses: re-encoding thousands of
// unchanged passages was a good part of an incremental build. The bytes are the same as JSON.stringify's.
// Each passage is written as {"id":N,...} with its id first, and a quote inside a JSON string is escaped, so
// `{"id":` only ever opens a passage.
import type { Passage } from './format.ts';

/** Each passage's JSON after its id (`,"source":...}`), by position; throws when the file is not laid out that way. */
export function passageTails(file: Buffer, count: number): Buffer[] {
  const tails: Buffer[] = [];
  const fail = () => new Error('passages.json is not laid out as expected');
  if (file[0] !== 0x5b || file[file.length - 1] !== 0x5d) throw fail(); // [ ... ]
  let at = 1;
  for (let i = 0; i < count; i++) {
    const head = `{"id":${i},`;
    if (file.toString('latin1', at, at + head.length) !== head) throw fail();
    const end = i + 1 < count ? file.indexOf(`,{"id":${i + 1},`, at) : file.length - 1;
    if (end < 0) throw fail();
    tails.push(file.subarray(at + head.length - 1, end));
    at = end + 1;
  }
  if (at !== file.length - (count > 0 ? 0 : 1)) throw fail();
  return tails;
}

/** JSON.stringify(passages) as bytes, copying reused passages' bytes (reusedFrom[position] >= 0) from tails. */
export function encodePassages(passages: Passage[], reusedFrom: Int32Array, tails?: Buffer[]): Buffer {
  if (!tails) return Buffer.from(JSON.stringify(passages));
  const parts: Buffer[] = [Buffer.from('[')];
  passages.forEach((p, position) => {
    const from = reusedFrom[position]!;
    const comma = position > 0 ? ',' : '';
    if (from >= 0) parts.push(Buffer.from(`${comma}{"id":${position}`), tails[from]!);
    else parts.push(Buffer.from(comma + JSON.stringify(p)));
  });
  parts.push(Buffer.from(']'));
  return Buffer.concat(parts);
}
