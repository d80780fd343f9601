// Word documents (.docx): the archive is checked first (a zip bomb costs at most the budget below), then mammoth
// turns the document into plain HTML (headings from Word's heading styles, lists, tables; images left out),
// which is read as a web page is. The title is the Title-styled paragraph, else the document's properties.
import mammoth from 'mammoth';
import { extractHtml } from './html-content.ts';
import { expectContent, sniff } from './sniff.ts';
import { UnreadableDocument, type Loader, type LoadedDocument } from './types.ts';
import { checkZipSizes, readZipEntry, zipEntries, type ZipEntry } from './zip.ts';

/** What a Word file may expand to. Text is a small part of most: a 300-page report's XML is some 10 MB. */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
const WHAT = 'Word document';

export const docxLoader = {
  format: 'Word document',
  extensions: ['.docx'],
  extracted: true,
  load: loadDocx,
} satisfies Loader;

async function loadDocx(bytes: Uint8Array, fileTitle: string): Promise<LoadedDocument> {
  if (sniff(bytes) === 'office-legacy') throw new UnreadableDocument(legacyReason(bytes));
  expectContent(bytes, 'zip', 'a Word document (.docx)');
  const entries = zipEntries(bytes, WHAT);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new UnreadableDocument('a zip archive without word/document.xml, not a Word document (.docx)');
  }
  checkZipSizes(bytes, entries, MAX_UNZIPPED_BYTES, WHAT);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: ["p[style-name='Title'] => h1.title:fresh"],
        // Images are not text: never read them (no src) and drop them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch (error) {
    throw UnreadableDocument.damaged(WHAT, error);
  }
  return extractHtml(html, { fileTitle, word: { fallbackTitle: propertiesTitle(bytes, entries) } });
}

/** An old binary .doc, or a password-protected .docx (Office wraps those in the old container). */
function legacyReason(bytes: Uint8Array): string {
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
  return encrypted
    ? 'the Word document is password-protected; save a copy without a password'
    : 'an old-style Word .doc (or other Office file), not .docx; save it as .docx';
}

/** dc:title from docProps/core.xml, when there is one. */
function propertiesTitle(bytes: Uint8Array, entries: ZipEntry[]): string | undefined {
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  if (!core) return undefined;
  const xml = readZipEntry(bytes, core, WHAT).toString('utf8');
  const raw = /<dc:title>([^<]*)<\/dc:title>/.exec(xml)?.[1];
  const title = raw
    ?.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
  return title || undefined;
}
