// What the plain-text loader makes of a file's bytes: UTF-8 text in paragraphs, or a one-line reason it can't.
import { describe, expect, it } from 'vitest';
import { loaderFor, SUPPORTED_EXTENSIONS } from '../../loaders/index.ts';
import { markdownLoader } from '../../loaders/markdown.ts';
import { textLoader } from '../../loaders/text.ts';
import { UnreadableDocument } from '../../loaders/types.ts';

const load = (text: string) => textLoader.load(Buffer.from(text), 'notes');
const blocks = (text: string) => load(text).blocks.map((b) => [text.slice(b.start, b.end), b.display.text]);

describe('the text loader', () => {
  it('titles the document with its file title and keeps its text as it is', () => {
    const text = '\ufeffFirst line.\r\nSecond line.';
    expect(load(text)).toMatchObject({ title: 'notes', text });
  });

  it('makes blank-line separated paragraphs into blocks, hard-wrapped lines shown as one line', () => {
    expect(blocks('First paragraph line one\nline two.\n\nSecond paragraph.\n\n\n  Third.  ')).toEqual([
      ['First paragraph line one\nline two.', 'First paragraph line one line two.'],
      ['Second paragraph.', 'Second paragraph.'],
      ['Third.', 'Third.'],
    ]);
  });

  it('makes each line a block when the file has no blank lines, and the whole text one block when it has no line breaks', () => {
    expect(blocks('One.\nTwo.\r\nThree.')).toEqual([
      ['One.', 'One.'],
      ['Two.', 'Two.'],
      ['Three.', 'Three.'],
    ]);
    expect(blocks('A transcript.   With   many sentences.')).toEqual([['A transcript.   With   many sentences.', 'A transcript. With many sentences.']]);
    expect(load('Prose.').blocks.every((b) => b.kind === 'prose' && b.section.length === 0)).toBe(true);
  });

  it.each([
    ['an empty file', new Uint8Array(), 'empty file'],
    ['only whitespace', Buffer.from(' \n\t\r\n '), 'only whitespace'],
    ['Latin-1', Buffer.from('Caf\xe9 cr\xe8me', 'latin1'), 'not valid UTF-8; save it as UTF-8'],
    ['UTF-16 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello.', 'utf16le')]), 'UTF-16 text; save it as UTF-8'],
    ['UTF-16 without a BOM', Buffer.from('Hello without a BOM.', 'utf16le'), 'UTF-16 text; save it as UTF-8'],
    ['binary', new Uint8Array([0x41, 0x00, 0x42]), 'binary content (NUL bytes), not text'],
  ])('refuses %s with a one-line reason', (_name, bytes, reason) => {
    expect(() => textLoader.load(bytes, 't')).toThrow(UnreadableDocument);
    expect(() => textLoader.load(bytes, 't')).toThrow(new UnreadableDocument(reason));
  });
});

describe('choosing a loader', () => {
  it('goes by the file name extension, in any case', () => {
    expect(loaderFor('notes/a.TXT')).toBe(textLoader);
    expect(loaderFor('guide.md')).toBe(markdownLoader);
    expect(loaderFor('guide.Markdown')).toBe(markdownLoader);
    expect(loaderFor('slides.pptx')).toBeUndefined();
    expect(loaderFor('md')).toBeUndefined();
    expect(SUPPORTED_EXTENSIONS).toEqual(expect.arrayContaining(['.txt', '.md', '.markdown', '.pdf', '.docx', '.html']));
  });
});
