// Turns a text file's bytes into text, or a one-line reason why it can't be indexed.
import { mismatch, sniff } from './sniff.ts';
import { UnreadableDocument } from './types.ts';

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeDocument(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const kind = sniff(bytes);
  // A PDF or an Office file named as text says what it is (a PDF only when it starts as one: text may quote "%PDF-").
  if ((kind === 'pdf' && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-') || kind === 'zip' || kind === 'office-legacy') {
    return { ok: false, reason: mismatch(kind, 'text') };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'UTF-16 text; save it as UTF-8' };
  }
  if (bytes.includes(0)) {
    return { ok: false, reason: looksLikeUtf16(bytes) ? 'UTF-16 text; save it as UTF-8' : 'binary content (NUL bytes), not text' };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8; save it as UTF-8' };
  }
  if (text.trim() === '') return { ok: false, reason: 'only whitespace' };
  return { ok: true, text };
}

/** UTF-16 without a byte-order mark: in text that is mostly ASCII, every other byte is NUL, on one side. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = sample.length / 2;
  return (odd >= 0.9 * pairs && even === 0) || (even >= 0.9 * pairs && odd === 0);
}

/** The file's text; throws UnreadableDocument with the reason when it isn't UTF-8 text. */
export function decodeText(bytes: Uint8Array): string {
  const decoded = decodeDocument(bytes);
  if (!decoded.ok) throw new UnreadableDocument(decoded.reason);
  return decoded.text;
}
