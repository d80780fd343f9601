// What a file's bytes are, whatever its name says: a loader checks them before reading, so a PDF named .docx or a
// page saved as .pdf is refused with a reason that says what the file really is.
import { UnreadableDocument } from './types.ts';

export type ContentKind = 'pdf' | 'zip' | 'office-legacy' | 'image' | 'html' | 'text' | 'binary';

const DESCRIPTION: Record<ContentKind, string> = {
  pdf: 'a PDF',
  zip: 'a zip archive',
  'office-legacy': 'an old-style Office file (.doc, .xls or a password-protected document)',
  image: 'an image',
  html: 'a web page (HTML)',
  text: 'plain text',
  binary: 'binary data',
};

/** The extension a file of this kind would be read under, when citebot reads that kind. */
const EXTENSION: Partial<Record<ContentKind, string>> = { pdf: '.pdf', html: '.html', text: '.txt' };

export function sniff(bytes: Uint8Array): ContentKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096));
  // The PDF header may follow some junk, within the first 1024 bytes (as readers accept it).
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'office-legacy';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || head.subarray(0, 6).toString('latin1').startsWith('GIF8')) {
    return 'image';
  }
  if (head.includes(0) && !looksLikeUtf16Html(head)) return 'binary';
  return looksLikeHtml(head.toString('latin1')) || looksLikeUtf16Html(head) ? 'html' : 'text';
}

/** A web page starts with a doctype, a tag or a comment (after a byte order mark and white space). */
function looksLikeHtml(start: string): boolean {
  const text = start.replace(/^(?:\xef\xbb\xbf)?\s*/, '');
  if (/^<!doctype\s+html/i.test(text) || /^<!--/.test(text)) return true;
  if (/^<\?xml/i.test(text)) return /<html[\s>]/i.test(text);
  return /^<(?:html|head|body|title|meta|link|base|main|article|section|div|p|h[1-6]|table|ul|ol|header|nav|span|a|!--)[\s>/]/i.test(text);
}

/** An HTML page saved as UTF-16 (with a byte order mark). */
function looksLikeUtf16Html(head: Buffer): boolean {
  const le = head[0] === 0xff && head[1] === 0xfe;
  const be = head[0] === 0xfe && head[1] === 0xff;
  if (!le && !be) return false;
  const body = Buffer.from(head.subarray(2, head.length & ~1));
  return looksLikeHtml((be ? body.swap16() : body).toString('utf16le'));
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Throws UnreadableDocument unless the bytes are of the kind `expected` (what the file's extension promises). */
export function expectContent(bytes: Uint8Array, expected: ContentKind, format: string): ContentKind {
  if (bytes.length === 0) throw new UnreadableDocument('empty file');
  const kind = sniff(bytes);
  if (kind !== expected) throw new UnreadableDocument(mismatch(kind, format));
  return kind;
}

/** "the content is a PDF, not a Word document; rename it .pdf" */
export function mismatch(kind: ContentKind, format: string): string {
  const rename = EXTENSION[kind] ? `; rename it ${EXTENSION[kind]}` : '';
  return `the content is ${DESCRIPTION[kind]}, not ${format}${rename}`;
}
