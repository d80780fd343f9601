import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS } from '../../loaders/index.ts';
import { findDocuments } from '../../index/documents.ts';
import { markdownLoader } from '../../loaders/markdown.ts';
import { textLoader } from '../../loaders/text.ts';
import { tempSeeds } from '../helpers/temp-corpus.ts';

describe('findDocuments', () => {
  it('finds .txt and .md files in subfolders with their loader, bytes and hash, and skips other files with a reason', () => {
    const dir = tempSeeds({
      'a.txt': 'Alpha text.',
      'sub/b.MD': '# Bee\n\nBee text.',
      'sub/deeper/c.markdown': 'Gamma.',
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'slides.pptx': 'PK',
      // Whether a file's bytes are text is the loader's question, asked when the index is built.
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
    });
    const { documents, skipped } = findDocuments(dir);
    expect(documents.map((d) => d.source)).toEqual(['a.txt', 'latin1.txt', 'sub/b.MD', 'sub/deeper/c.markdown']);
    const b = documents.find((d) => d.source === 'sub/b.MD')!;
    expect(b.loader).toBe(markdownLoader);
    expect(documents.find((d) => d.source === 'a.txt')!.loader).toBe(textLoader);
    expect(b.bytes.toString('utf8')).toBe('# Bee\n\nBee text.');
    expect(b.hash).toBe(createHash('sha256').update('# Bee\n\nBee text.').digest('hex'));
    const reasons = Object.fromEntries(skipped.map((s) => [s.source, s.reason]));
    const unread = `not a document citebot reads (${SUPPORTED_EXTENSIONS.join(', ')})`;
    expect(reasons).toEqual({ 'image.png': unread, 'slides.pptx': unread });
  });

  it('follows symlinks, reads a folder once, survives a symlink loop, and reports unreadable files', () => {
    const dir = tempSeeds({ 'real/doc.txt': 'Linked text.', 'locked.txt': 'secret' });
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
    symlinkSync(join(dir, 'missing.txt'), join(dir, 'broken.txt'));
    chmodSync(join(dir, 'locked.txt'), 0o000);
    const { documents, skipped } = findDocuments(dir);
    const sources = documents.map((d) => d.source);
    // The same folder is read once, under whichever name comes first.
    expect(sources.filter((s) => s.endsWith('/doc.txt'))).toEqual(['link/doc.txt']);
    expect(skipped.find((s) => s.source === 'real')?.reason).toBe('same folder as one already read (symlink)');
    expect(skipped.find((s) => s.source === 'broken.txt')?.reason).toBe('vanished or is a broken link');
    expect(skipped.some((s) => s.source.startsWith('loop/again') && /same folder/.test(s.reason))).toBe(true);
    if (process.getuid?.() !== 0) {
      // root reads anything; elsewhere the unreadable file is skipped with a reason
      expect(skipped.find((s) => s.source === 'locked.txt')?.reason).toBe('cannot be read (permission denied)');
    }
  });

  it('titles documents from their file names', () => {
    const dir = tempSeeds({ 'CSTO-Dushanbe_declaration.txt': 'Text.' });
    expect(findDocuments(dir).documents[0]!.fileTitle).toBe('CSTO Dushanbe declaration');
  });
});
