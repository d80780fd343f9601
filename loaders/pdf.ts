// PDF, page by page, with Mozilla's PDF.js (pdfjs-dist): each page's text laid out in lines and paragraphs
// (pdf-layout.ts), each paragraph a block on its page. Sections come from the PDF's outline (bookmarks) when it
// has one: font sizes alone are not a reliable sign of headings, so without an outline there are none.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { collapse, ExtractedText } from './extracted.ts';
import { lineSpacing, pageLines, paragraphs, type PdfLine, type PdfTextItem } from './pdf-layout.ts';
import { outlineHeadings, sectionAt, type OutlineHeading } from './pdf-outline.ts';
import { expectContent } from './sniff.ts';
import { UnreadableDocument, type Loader, type LoadedDocument } from './types.ts';

export const pdfLoader = {
  format: 'PDF',
  extensions: ['.pdf'],
  extracted: true,
  load: loadPdf,
} satisfies Loader;

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function loadPdf(bytes: Uint8Array, fileTitle: string): Promise<LoadedDocument> {
  expectContent(bytes, 'pdf', 'a PDF');
  // Loaded on the first PDF only: its parser costs a few seconds to start.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes), // PDF.js takes ownership of (detaches) what it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    throw new UnreadableDocument(openFailure(error));
  }
  try {
    return await readPdf(pdf, fileTitle);
  } catch (error) {
    if (error instanceof UnreadableDocument) throw error;
    throw UnreadableDocument.damaged('PDF', error);
  } finally {
    await task.destroy();
  }
}

async function readPdf(pdf: PDFDocumentProxy, fileTitle: string): Promise<LoadedDocument> {
  const headings = await outlineHeadings(pdf);
  const title = await metadataTitle(pdf);
  const pages: PdfLine[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(pageLines(content.items.filter((item) => 'str' in item) as PdfTextItem[]));
    page.cleanup();
  }
  if (pages.every((lines) => lines.length === 0)) throw new UnreadableDocument('no text layer (scanned or image-only PDF); run it through OCR first');
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

async function metadataTitle(pdf: PDFDocumentProxy): Promise<string | undefined> {
  try {
    const { info, metadata } = await pdf.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    const value = typeof title === 'string' && title.trim() ? title : metadata?.get('dc:title');
    return typeof value === 'string' && collapse(value) ? collapse(value) : undefined;
  } catch {
    return undefined; // unreadable metadata is no reason to refuse the text
  }
}

function openFailure(error: unknown): string {
  const name = (error as { name?: string }).name;
  if (name === 'PasswordException') return 'encrypted PDF: it needs a password to open; save a copy without one';
  if (name === 'InvalidPDFException') return 'damaged PDF (no valid PDF structure)';
  return UnreadableDocument.damaged('PDF', error).message;
}
