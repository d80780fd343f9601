// Every loader checks a file's bytes against its name: what the bytes are, and what a text file that is
// really a PDF or an Office file is told.
import { describe, expect, it } from 'vitest';
import { sniff } from '../../loaders/sniff.ts';
import { textLoader } from '../../loaders/text.ts';
import { markdownLoader } from '../../loaders/markdown.ts';
import { UnreadableDocument } from '../../loaders/types.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('sniffing content', () => {
  it.each([
    ['%PDF-1.7\n...', 'pdf'],
    ['junk before the header %PDF-1.4', 'pdf'],
    ['PK\x03\x04zip', 'zip'],
    ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1ole', 'office-legacy'],
    ['\x89PNG\r\n\x1a\n', 'image'],
    ['\xff\xd8\xff\xe0jpeg', 'image'],
    ['GIF89a', 'image'],
    ['<!DOCTYPE html><html>', 'html'],
    ['\xef\xbb\xbf\n  <html lang="en">', 'html'],
    ['<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'html'],
    ['<!-- saved page --><p>Hi</p>', 'html'],
    ['<div class="x">text</div>', 'html'],
    ['Plain notes that mention <p> later.', 'text'],
    ['<Settings>not a page</Settings>', 'text'],
    ['a\x00b', 'binary'],
  ])('%j is %s', (content, kind) => {
    expect(sniff(bytes(content))).toBe(kind);
  });

  it('knows an HTML page saved as UTF-16', () => {
    expect(sniff(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><p>x</p></html>', 'utf16le')]))).toBe('html');
  });
});

describe('text loaders', () => {
  it.each([
    ['a PDF', '%PDF-1.7\n1 0 obj', 'the content is a PDF, not text; rename it .pdf'],
    ['a zip (a .docx)', 'PK\x03\x04word/document.xml', 'the content is a zip archive, not text'],
    ['an old Office file', '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'the content is an old-style Office file (.doc, .xls or a password-protected document), not text'],
  ])('refuse %s named as text, saying what it is', (_name, content, reason) => {
    for (const loader of [textLoader, markdownLoader]) expect(() => loader.load(bytes(content), 't')).toThrow(new UnreadableDocument(reason));
  });

  it('read text that only mentions a PDF header', () => {
    expect(textLoader.load(bytes('Files start with %PDF-1.7 when they are PDFs.'), 't').blocks).toHaveLength(1);
  });
});
