// Web pages (.html, .htm): decoded by their byte order mark or declared charset, then their readable content
// extracted (see html-content.ts).
import { extractHtml } from './html-content.ts';
import { expectContent } from './sniff.ts';
import type { Loader, LoadedDocument } from './types.ts';

export const htmlLoader = {
  format: 'web page',
  extensions: ['.html', '.htm', '.xhtml'],
  extracted: true,
  load(bytes: Uint8Array, fileTitle: string): LoadedDocument {
    expectContent(bytes, 'html', 'a web page (HTML)');
    return extractHtml(decodeHtml(bytes), { fileTitle });
  },
} satisfies Loader;

/** The page's text: by its byte order mark, else its <meta> charset, else UTF-8, else Windows-1252 (as browsers guess). */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  // A page can't declare itself UTF-16 in ASCII bytes: browsers read such a page as UTF-8.
  if (declared && !/^utf-?(?:8|16)/.test(declared)) {
    try {
      const decoder = new TextDecoder(declared);
      return decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
    } catch {
      // an unknown charset name: guess as if none was given
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

// Node's windows-1252 decoder is ISO-8859-1 (0x80-0x9F come out as control characters): those 32 bytes by hand.
const WINDOWS_1252_80 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80[c.charCodeAt(0) - 0x80]!);
}
