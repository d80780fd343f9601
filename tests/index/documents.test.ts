import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDocuments } from '../../index/documents.ts';
import { tempSeeds } from '../helpers/temp-corpus.ts';

describe('findDocuments', () => {
  it('reads .txt and .md files in subfolders and skips everything else with a reason', () => {
    const dir = tempSeeds({
      'a.txt': 'Alpha text.',
      'sub/b.MD': '# Bee\n\nBee text.',
      'sub/deeper/c.txt': 'Gamma.',
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'empty.txt': '',
      'blank.md': '  \n\n ',
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'utf16.txt': new Uint8Array([0xff, 0xfe, 0x41, 0x00]),
      'binary.txt': new Uint8Array([0x41, 0x00, 0x42]),
    });
    const { documents, skipped } = findDocuments(dir);
    expect(documents.map((d) => d.source).sort()).toEqual(['a.txt', 'sub/b.MD', 'sub/deeper/c.txt']);
    expect(documents.find((d) => d.source === 'sub/b.MD')!.markdown).toBe(true);
    const reasons = Object.fromEntries(skipped.map((s) => [s.source, s.reason]));
    expect(reasons).toEqual({
      'image.png': 'not a .txt or .md file',
      'empty.txt': 'empty file',
      'blank.md': 'only whitespace',
      'latin1.txt': 'not valid UTF-8; save it as UTF-8',
      'utf16.txt': 'UTF-16 text; save it as UTF-8',
      'binary.txt': 'binary content (NUL bytes), not text',
    });
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
