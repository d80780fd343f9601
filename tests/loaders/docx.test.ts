// What the Word loader makes of a .docx: title, sections from Word's heading styles, lists and table rows, as
// extracted text sliced exactly; and a one-line reason for an archive it won't open (zip bombs first of all).
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxLoader } from '../../loaders/docx.ts';
import { UnreadableDocument } from '../../loaders/types.ts';
import { documentSpec, docxOf, Keys, pdfOf, zipBombDocx } from '../helpers/generated-documents.ts';
import { expectExact, expectPlaced } from '../helpers/loaded-checks.ts';
import { readZip, writeZip } from '../helpers/zip-writer.ts';

const load = (bytes: Uint8Array) => docxLoader.load(bytes, 'file title');


/** A generated Word file's entries, with some replaced or added. */
async function rezipped(change: (entries: Array<{ name: string; data: Buffer }>) => Parameters<typeof writeZip>[0]) {
  const { bytes } = await docxOf(documentSpec(new Keys(), 'Bomb', 1));
  return writeZip(change(readZip(Buffer.from(bytes))));
}

describe('the Word loader', () => {
  it('gives every paragraph, list item and table row the section of the headings above it', async () => {
    const generated = await docxOf(documentSpec(new Keys(), 'Harbour Handbook', 3));
    const doc = await load(generated.bytes);
    expect(doc.title).toBe('Harbour Handbook');
    expectExact(doc);
    expectPlaced(doc, generated.placements);
    expect(doc.blocks.filter((b) => b.kind === 'row').map((b) => b.display.text)).toEqual([
      expect.stringMatching(/^Harbour: \w+ton · Fee: 10 euros$/),
      expect.stringMatching(/^Harbour: \w+ton · Fee: 12 euros$/),
    ]);
    expect(doc.text).not.toContain('Properties title');
  });

  it("takes the properties' title when no paragraph has the Title style; every heading is then a section", async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        title: 'Mooring rules',
        sections: [{ children: [new Paragraph({ text: 'Fees', heading: HeadingLevel.HEADING_1 }), new Paragraph('Fees are due monthly.')] }],
      }),
    );
    expect(await load(bytes)).toMatchObject({ title: 'Mooring rules', blocks: [{ section: ['Fees'] }] });
    const untitled = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Only text.')] }] }));
    expect((await load(untitled)).title).toBe('file title');
  });

  it('refuses a zip bomb that declares its size before inflating any of it', async () => {
    const bomb = await zipBombDocx('declared');
    expect(bomb.length).toBeLessThan(1_000_000);
    await expect(load(bomb)).rejects.toThrow(new UnreadableDocument('Word document would expand to 300 MB (a zip bomb?); the limit is 256 MB'));
  });

  it('refuses a zip bomb that lies about its size, having inflated no more than it declared', async () => {
    const bomb = await zipBombDocx('hidden');
    expect(bomb.length).toBeLessThan(1_000_000);
    await expect(load(bomb)).rejects.toThrow(new UnreadableDocument('Word document holds more than it declares (word/document.xml): a zip bomb?'));
  });

  it.each([
    ['a zip that is no Word file', async () => writeZip([{ name: 'notes.txt', data: Buffer.from('hello') }]), 'a zip archive without word/document.xml, not a Word document (.docx)'],
    ['an old binary .doc', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), 'an old-style Word .doc (or other Office file), not .docx; save it as .docx'],
    [
      'a password-protected .docx',
      async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]),
      'the Word document is password-protected; save a copy without a password',
    ],
    ['a PDF named .docx', async () => (await pdfOf(documentSpec(new Keys(), 'T', 1))).bytes, 'the content is a PDF, not a Word document (.docx); rename it .pdf'],
    ['a .docx cut in half', async () => (await docxOf(documentSpec(new Keys(), 'T', 1))).bytes.slice(0, 4000), 'damaged Word document (no zip directory; the file may be cut short)'],
    [
      'a .docx whose document is not XML',
      () => rezipped((entries) => entries.map((e) => (e.name === 'word/document.xml' ? { name: e.name, data: Buffer.from('<w:document><unclosed') } : e))),
      /^damaged Word document \(.+\)$/,
    ],
    ['plain text named .docx', async () => Buffer.from('Just notes.'), 'the content is plain text, not a Word document (.docx); rename it .txt'],
  ])('refuses %s with a one-line reason', async (_name, make, reason) => {
    const bytes = await make();
    await expect(Promise.resolve().then(() => load(bytes))).rejects.toThrow(UnreadableDocument);
    await expect(Promise.resolve().then(() => load(bytes))).rejects.toThrow(reason);
  });
});
