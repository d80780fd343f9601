// PDF, page by page, with Mozilla's PDF.js (read on a worker thread: pdf-reader.ts): each page's text laid out in
// lines and paragraphs (pdf-layout.ts), each paragraph a block on its page. Sections come from the PDF's outline
// (bookmarks) when it has one: font sizes alone are not a reliable sign of headings, so without an outline there
// are none.
import { collapse, ExtractedText } from './extracted.ts';
import { lineSpacing, pageLines, paragraphs } from './pdf-layout.ts';
import { inReadingOrder, sectionAt, type OutlineHeading } from './pdf-outline.ts';
import { pdfReader, type RawPdf } from './pdf-reader.ts';
import { expectContent } from './sniff.ts';
import { UnreadableDocument, type Loader, type LoadedDocument } from './types.ts';

export const pdfLoader = {
  format: 'PDF',
  extensions: ['.pdf'],
  extracted: true,
  load: loadPdf,
} satisfies Loader;

async function loadPdf(bytes: Uint8Array, fileTitle: string): Promise<LoadedDocument> {
  expectContent(bytes, 'pdf', 'a PDF');
  let raw: RawPdf;
  try {
    raw = await pdfReader.read(bytes);
  } catch (error) {
    if (error instanceof UnreadableDocument) throw error;
    throw new UnreadableDocument(failure(error as Error));
  }
  return documentOf(raw, fileTitle);
}

function documentOf(raw: RawPdf, fileTitle: string): LoadedDocument {
  const pages = raw.pages.map(pageLines);
  if (pages.every((lines) => lines.length === 0)) throw new UnreadableDocument('no text layer (scanned or image-only PDF); run it through OCR first');
  const headings = inReadingOrder(raw.outline);
  const title = raw.title ?? undefined;
  const spacing = lineSpacing(pages);
  const out = new ExtractedText();
  pages.forEach((lines, i) => {
    const number = i + 1;
    out.pageBreak();
    for (const paragraph of paragraphs(lines, spacing)) {
      const text = collapse(paragraph.map((l) => l.text).join(' '));
      if (isHeading(text, number, headings, title)) out.line(text);
      else out.prose(paragraph.map((l) => l.text), { section: sectionAt(headings, number, paragraph[0]!.y), page: number });
    }
  });
  return out.document(title ?? fileTitle);
}

/** An outline entry's own line on the page it points to, or the title on the first page, is no paragraph. */
function isHeading(text: string, page: number, headings: OutlineHeading[], title: string | undefined): boolean {
  const key = text.toLowerCase();
  if (page === 1 && key === title?.toLowerCase()) return true;
  return headings.some((h) => h.page === page && h.title.toLowerCase() === key);
}

function failure(error: Error): string {
  if (error.name === 'PasswordException') return 'encrypted PDF: it needs a password to open; save a copy without one';
  if (error.name === 'InvalidPDFException') return 'damaged PDF (no valid PDF structure)';
  return UnreadableDocument.damaged('PDF', error).message;
}
