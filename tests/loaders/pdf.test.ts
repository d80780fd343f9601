// What the PDF loader makes of a PDF: page by page, paragraphs as blocks on their page, sections from the
// outline, the extracted text sliced exactly; and a one-line reason for a PDF it can't read.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sourceEnd, sourceStart } from '../../loaders/display.ts';
import { pageLines, paragraphs, type PdfTextItem } from '../../loaders/pdf-layout.ts';
import { pdfLoader } from '../../loaders/pdf.ts';
import { UnreadableDocument } from '../../loaders/types.ts';
import { documentSpec, encryptedPdf, htmlOf, imageOnlyPdf, Keys, pdfOf } from '../helpers/generated-documents.ts';
import { expectExact, expectPlaced } from '../helpers/loaded-checks.ts';

const load = (bytes: Uint8Array, title = 'file title') => Promise.resolve(pdfLoader.load(bytes, title));



describe('the PDF loader', () => {
  it('puts each paragraph on its page, in the section its outline entry opens, headings and title no blocks', async () => {
    const generated = await pdfOf(documentSpec(new Keys(), 'Harbour Handbook', 6, 3), { outline: true });
    const doc = await load(generated.bytes);
    expect(doc.title).toBe('Harbour Handbook');
    expectExact(doc);
    const pages = new Set(doc.blocks.map((b) => b.page));
    expect(pages.size).toBeGreaterThanOrEqual(3);
    for (const b of doc.blocks) expect(b.display.text).not.toMatch(/^(Chapter \d|Rules of|Harbour Handbook)/);
    expectPlaced(doc, generated.placements);
  });

  it('has no sections without an outline: headings are then paragraphs like any other', async () => {
    const generated = await pdfOf(documentSpec(new Keys(), 'Harbour Handbook', 2), { outline: false, infoTitle: false });
    const doc = await load(generated.bytes);
    expect(doc.title).toBe('file title');
    expect(doc.blocks.every((b) => b.section.length === 0)).toBe(true);
    expect(doc.blocks.some((b) => b.display.text.startsWith('Chapter 1:'))).toBe(true);
    expectExact(doc);
  });

  it('shows a word hyphenated over a line break whole, and quotes it as it stands', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([400, 400]);
    ['The harbour infor-', 'mation desk opens at nine. A well-', 'Known name stays.'].forEach((line, i) => page.drawText(line, { x: 40, y: 300 - 14 * i, size: 11, font }));
    const doc = await load(await pdf.save());
    expect(doc.blocks).toHaveLength(1);
    const [block] = doc.blocks;
    expect(block!.display.text).toBe('The harbour information desk opens at nine. A well- Known name stays.');
    expect(doc.text.slice(block!.start, block!.end)).toBe('The harbour infor-\nmation desk opens at nine. A well-\nKnown name stays.');
    const at = block!.display.text.indexOf('information');
    expect(doc.text.slice(sourceStart(block!.display, at), sourceEnd(block!.display, at + 'information'.length))).toBe('infor-\nmation');
  });

  it.each([
    ['an encrypted PDF', encryptedPdf, 'encrypted PDF: it needs a password to open; save a copy without one'],
    ['an image-only PDF', imageOnlyPdf, 'no text layer (scanned or image-only PDF); run it through OCR first'],
    ['a damaged PDF', async () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]), 'damaged PDF (no valid PDF structure)'],
    ['a web page named .pdf', async () => htmlOf(documentSpec(new Keys(), 'T', 1)).bytes, 'the content is a web page (HTML), not a PDF; rename it .html'],
    ['a zip named .pdf', async () => Buffer.from('PK\x03\x04rest of a zip', 'latin1'), 'the content is a zip archive, not a PDF'],
    ['an empty file', async () => new Uint8Array(), 'empty file'],
  ])('refuses %s with a one-line reason', async (_name, make, reason) => {
    const bytes = await make();
    await expect(load(bytes)).rejects.toThrow(UnreadableDocument);
    await expect(load(bytes)).rejects.toThrow(reason);
  });

  it('reads what is left of a PDF cut short, or refuses it with a one-line reason; never anything else', async () => {
    const whole = (await pdfOf(documentSpec(new Keys(), 'Cut', 3))).bytes;
    for (const fraction of [0.2, 0.5, 0.8, 0.95]) {
      const cut = whole.slice(0, Math.floor(whole.length * fraction));
      const outcome = await load(cut).then(
        (doc) => (expectExact(doc), 'read'),
        (error: unknown) => (error instanceof UnreadableDocument && /^[^\n]{5,120}$/.test(error.message) ? 'refused' : error),
      );
      expect(['read', 'refused']).toContain(outcome);
    }
  });
});

const item = (str: string, x: number, y: number, size = 10, hasEOL = false): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * size * 0.5,
  height: size,
  hasEOL,
});

describe('PDF layout', () => {
  it('joins pieces on a baseline into a line, with a space where they stand apart', () => {
    const lines = pageLines([item('Harbour', 10, 700), item('rules', 50, 700), item('apply', 80, 700, 10, true), item('Next', 10, 686)]);
    expect(lines.map((l) => l.text)).toEqual(['Harbour rules apply', 'Next']);
  });

  it('starts a paragraph after a wide gap, at a change of font size, after a move up the page, and at a bullet', () => {
    const lines = [
      { text: 'Heading', y: 760, size: 16 },
      { text: 'First line', y: 740, size: 10 },
      { text: 'second line', y: 728, size: 10 },
      { text: 'After a gap', y: 700, size: 10 },
      { text: '• A bullet', y: 688, size: 10 },
      { text: 'New column', y: 760, size: 10 },
      { text: 'goes on', y: 748, size: 10 },
    ];
    expect(paragraphs(lines, 12).map((p) => p.map((l) => l.text).join(' / '))).toEqual([
      'Heading',
      'First line / second line',
      'After a gap',
      '• A bullet',
      'New column / goes on',
    ]);
  });
});
