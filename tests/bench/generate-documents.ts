// npx tsx tests/bench/generate-documents.ts DIR [--pages N]: writes a PDF of at least N pages (50 by default,
// with bookmarks) into DIR, for timing `npm run index` on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { runCli } from '../../cli/run.ts';
import { documentSpec, Keys, pdfOf } from '../helpers/generated-documents.ts';

runCli(async () => {
  const { values, positionals } = parseArgs({ options: { pages: { type: 'string', default: '50' } }, allowPositionals: true, strict: true });
  const pages = Number(values.pages);
  if (positionals.length !== 1 || !(pages > 0)) throw new Error('usage: generate-documents.ts DIR [--pages N]');
  const dir = positionals[0]!;
  mkdirSync(dir, { recursive: true });
  // About 0.9 page per chapter: add chapters until the PDF is long enough.
  for (let chapters = Math.ceil(pages * 1.1); ; chapters++) {
    const { bytes } = await pdfOf(documentSpec(new Keys(), `Harbour report (${pages} pages)`, chapters, 4), { outline: true });
    const count = (await PDFDocument.load(bytes)).getPageCount();
    if (count < pages) continue;
    writeFileSync(join(dir, `report-${pages}-pages.pdf`), bytes);
    console.log(`${join(dir, `report-${pages}-pages.pdf`)}: ${count} pages, ${bytes.length} bytes`);
    break;
  }
});
