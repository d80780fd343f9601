// Hostile PDFs, Word files and web pages among good documents: each is skipped with its one-line reason, and the
// index of the good ones is exactly what it is without them. Files over MAX_DOCUMENT_MB are skipped unread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { engineSettings, maxDocumentBytes } from '../../config/settings.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { readStore } from '../../store/read.ts';
import {
  documentSpec, docxOf, encryptedPdf, htmlOf, imageOnlyPdf, Keys, pdfOf, zipBombDocx,
} from '../helpers/generated-documents.ts';
import { checkIndex } from '../helpers/index-check.ts';
import { engineOptions, MODELS_DIR, TEST_MODEL, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

const LIMIT = 2 * 1024 * 1024;

async function goodDocuments(): Promise<Record<string, Uint8Array | string>> {
  const keys = new Keys();
  return {
    'rules.pdf': (await pdfOf(documentSpec(keys, 'Harbour rules', 3), { outline: true })).bytes,
    'handbook.docx': (await docxOf(documentSpec(keys, 'Handbook', 2))).bytes,
    'guide.html': htmlOf(documentSpec(keys, 'Guide', 2)).bytes,
    'notes.txt': 'The quay gate closes at midnight.',
  };
}

async function hostileDocuments(): Promise<Record<string, [Uint8Array | string, string]>> {
  const keys = new Keys(5000);
  const pdf = (await pdfOf(documentSpec(keys, 'A report', 1))).bytes;
  const docx = (await docxOf(documentSpec(keys, 'A letter', 1))).bytes;
  return {
    'locked.pdf': [await encryptedPdf(), 'encrypted PDF: it needs a password to open; save a copy without one'],
    'damaged.pdf': [Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]), 'damaged PDF (no valid PDF structure)'],
    'scan.pdf': [await imageOnlyPdf(), 'no text layer (scanned or image-only PDF); run it through OCR first'],
    'bomb.docx': [await zipBombDocx('declared'), 'Word document would expand to 300 MB (a zip bomb?); the limit is 256 MB'],
    'liar.docx': [await zipBombDocx('hidden'), 'Word document holds more than it declares (word/document.xml): a zip bomb?'],
    'app.html': ['<!doctype html><html><body><div id="root"></div><script>render()</script></body></html>', 'no text outside scripts: the page is drawn by JavaScript'],
    'report.docx': [pdf, 'the content is a PDF, not a Word document (.docx); rename it .pdf'],
    'page.pdf': ['<!doctype html><p>Saved page.</p>', 'the content is a web page (HTML), not a PDF; rename it .html'],
    'letter.html': [docx, 'the content is a zip archive, not a web page (HTML)'],
    'scan.txt': [pdf, 'the content is a PDF, not text; rename it .pdf'],
    'huge.html': [`<p>${'Long harbour text. '.repeat(LIMIT / 19 + 1000)}</p>`, 'too large (2.0 MB; the limit is 2.0 MB, set by MAX_DOCUMENT_MB)'],
  };
}

describe('hostile documents among good ones', () => {
  it('are each skipped with their one-line reason, and the good ones index as if they were not there', async () => {
    const good = await goodDocuments();
    const hostile = await hostileDocuments();
    const clean = engineOptions(tempSeeds(good));
    await buildIndex({ ...clean, embedder, maxDocumentBytes: LIMIT });

    const seeds = tempSeeds({ ...good, ...Object.fromEntries(Object.entries(hostile).map(([name, [bytes]]) => [name, bytes])) });
    const options = engineOptions(seeds);
    const warnings: string[] = [];
    const summary = await buildIndex({ ...options, embedder, maxDocumentBytes: LIMIT, warn: (m) => warnings.push(m) });

    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.source, s.reason]));
    // The size in the reason is rounded: the file is a little over the limit.
    expect({ ...reasons, 'huge.html': reasons['huge.html']?.replace(/\(\d+\.\d MB;/, '(2.0 MB;') }).toEqual(
      Object.fromEntries(Object.entries(hostile).map(([name, [, reason]]) => [name, reason])),
    );
    expect(summary).toMatchObject({ added: Object.keys(good).length });
    for (const w of warnings) expect(w).toMatch(/^[^\n]{5,200}$/);
    expect(warnings.filter((w) => w.startsWith('skipped ')).length).toBe(Object.keys(hostile).length);

    checkIndex(options.indexDir, [seeds]);
    const strip = (dir: string) => {
      const store = readStore(dir);
      return { files: store.manifest.files, passages: store.passages.map(({ id: _id, ...p }) => p) };
    };
    expect(strip(options.indexDir)).toEqual(strip(clean.indexDir));
  });
});

describe('MAX_DOCUMENT_MB', () => {
  it('is a positive number of megabytes, 50 when unset, and a clear error otherwise', () => {
    expect(maxDocumentBytes(undefined)).toBe(50 * 1024 * 1024);
    expect(maxDocumentBytes(' ')).toBe(50 * 1024 * 1024);
    expect(maxDocumentBytes('2.5')).toBe(2.5 * 1024 * 1024);
    expect(engineSettings({ MAX_DOCUMENT_MB: '8' }).maxDocumentBytes).toBe(8 * 1024 * 1024);
    for (const bad of ['0', '-3', 'ten', '1e400']) {
      expect(() => maxDocumentBytes(bad)).toThrow(`MAX_DOCUMENT_MB must be a positive number of megabytes, not "${bad}"`);
    }
  });
});
