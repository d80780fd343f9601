// A seeds folder holding what users' folders hold: every awkward kind of file, name and link, each with
// what the indexer must do with it (index it, or skip it with this reason).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_FILE, PROJECT_ROOT, tempDir, tempSeeds } from './temp-corpus.ts';

export type Expected = 'indexed' | RegExp;

export interface AwkwardInput {
  /** Path under the seeds folder. */
  source: string;
  /** What it is, for the figures table. */
  kind: string;
  expect: Expected;
  /**
   * Who skips it: the search for documents (not a file a loader reads, a link, unreadable), or the build, when
   * the file's loader can't read its bytes or they hold no text.
   */
  skippedBy?: 'finder' | 'loader';
}

export interface AwkwardSeeds {
  dir: string;
  inputs: AwkwardInput[];
  /** A file outside the seeds folder that a link inside points to. */
  outside: string;
  /** chmod 000 files: as root they are still readable, so they are indexed, not skipped. */
  unreadable: string[];
  root: boolean;
}

const SENTENCE = 'The harbour council approved the river budget after a long debate. ';
const NOT_UTF8 = /^not valid UTF-8; save it as UTF-8$/;
const BINARY = /^binary content \(NUL bytes\), not text$/;
const UTF16 = /^UTF-16 text; save it as UTF-8$/;
const EMPTY = /^empty file$/;
const WHITESPACE = /^only whitespace$/;
const NO_TEXT = /^no text to index$/;
const TOO_DEEP = /^markdown nested too deeply to read$/;
/** Reasons a loader gives, when the index is built. */
const LOADER_REASONS = [NOT_UTF8, BINARY, UTF16, EMPTY, WHITESPACE, NO_TEXT, TOO_DEEP];

/**
 * Files whose text (and title, from the file name) the model knows no word of: indexed, found by keyword only.
 * The model is given a passage's title with its text, so their names are no words either.
 */
export const NO_KNOWN_WORDS = ['12345.txt', '%%% ###.txt', '\u200b\u200c.txt'];

function input(source: string, kind: string, expect: Expected): AwkwardInput {
  return { source, kind, expect, ...(expect !== 'indexed' && { skippedBy: LOADER_REASONS.includes(expect) ? 'loader' : 'finder' }) };
}

/** Builds the folder. `bigBytes`: size of the single-line file (2 MB for the quick suite, 50 MB under stress). */
export function awkwardSeeds(bigBytes = 2_000_000): AwkwardSeeds {
  const root = process.getuid?.() === 0;
  const inputs: AwkwardInput[] = [];
  const files: Record<string, string | Uint8Array> = {};
  const add = (source: string, kind: string, content: string | Uint8Array, expect: Expected) => {
    files[source] = content;
    inputs.push(input(source, kind, expect));
  };

  // Sizes and shapes
  add('empty.txt', 'empty file', '', EMPTY);
  add('blank.md', 'only whitespace', ' \n\t\r\n  \n', WHITESPACE);
  add('big-single-line.txt', `${(bigBytes / 1e6).toFixed(0)} MB on one line`, SENTENCE.repeat(Math.ceil(bigBytes / SENTENCE.length)), 'indexed');
  add('long-word.txt', '300 KB word, no spaces', 'x'.repeat(300_000) + ' end of the long word.', 'indexed');
  add('long-punctuation.txt', '200 KB of punctuation, no spaces', 'abc.def,'.repeat(25_000), 'indexed');
  add('emoji-run.txt', '40 KB of emoji, no spaces', 'a' + '😀'.repeat(10_000) + '👨‍👩‍👧'.repeat(1000), 'indexed');
  const lines = bigBytes >= 10_000_000 ? 50_000 : 3000;
  add('many-lines.txt', `${lines} short lines`, Array.from({ length: lines }, (_, i) => `Line ${i} of the log.`).join('\n'), 'indexed');
  add(NO_KNOWN_WORDS[0]!, 'only numbers (no known words)', '12345 67890 3.14159 2.71828\n42 1984 2001 0x1F', 'indexed');
  add(NO_KNOWN_WORDS[1]!, 'only symbols (no known words)', '%%% ### !!! ??? *** +++ === ~~~ ^^^ ||| ///', 'indexed');
  // Encodings
  add('utf8-bom.txt', 'UTF-8 with a BOM', '\ufeffThe council met with a byte order mark.', 'indexed');
  add('crlf.txt', 'Windows line endings', 'First line about ships.\r\nSecond line about trains.\r\n\r\nA new paragraph.\r\n', 'indexed');
  add('cr-only.txt', 'old Mac line endings (CR only)', 'One line about ships.\rAnother about trains.\r', 'indexed');
  add('latin1.txt', 'Latin-1 (invalid UTF-8)', Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1'), NOT_UTF8);
  add('cp1252-quotes.txt', 'Windows-1252 smart quotes', Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]), NOT_UTF8);
  add('truncated-utf8.txt', 'UTF-8 cut mid-character', Buffer.concat([Buffer.from('Ends in the middle of é'), Buffer.from('😀').subarray(0, 2)]), NOT_UTF8);
  add('overlong-utf8.txt', 'overlong / surrogate UTF-8 sequences', Buffer.from([0x41, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x42]), NOT_UTF8);
  add('utf16le.txt', 'UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello in UTF-16.', 'utf16le')]), UTF16);
  add('utf16be.txt', 'UTF-16 BE with BOM', Buffer.from([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]), UTF16);
  add('utf16-nobom.txt', 'UTF-16 LE without BOM', Buffer.from('Hello without a BOM.', 'utf16le'), UTF16);
  add('utf16be-nobom.txt', 'UTF-16 BE without BOM', Buffer.from('Hello without a BOM.', 'utf16le').swap16(), UTF16);
  // Binary files with a text name
  add('image.txt', 'PNG named .txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), BINARY);
  add('program.md', 'ELF binary named .md', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 0)]), BINARY);
  add('random.txt', '64 KB of random bytes', randomBytes(65_536, 7), BINARY);
  add('random-no-nul.txt', '64 KB of random bytes, no NUL', randomBytes(65_536, 11).map((b) => b || 1), NOT_UTF8);
  add('nul-in-text.txt', 'text with one NUL byte', Buffer.from('Some text\0 with a NUL in it.'), BINARY);
  // Scripts, invisible and control characters
  add('rtl.txt', 'Arabic and Hebrew', 'مجلس الأمن الجماعي يدين الإرهاب. הצהרה על שיתוף פעולה אזורי.\n\nThe English sentence follows.', 'indexed');
  add('mixed-scripts.txt', 'mixed scripts with bidi controls', 'Moscow (Москва) and Dushanbe (Душанбе) \u202eреверс\u202c 中文句子。日本語の文。 ไทยไม่มีช่องว่าง. Ελληνικά κείμενα.', 'indexed');
  add('zero-width.txt', 'zero-width characters', 'The\u200b council\u200d met\u200c in\ufeff Dushanbe\u2060. Soft\u00adhyphen\u00ad words. e\u0301 combining accents.', 'indexed');
  add(NO_KNOWN_WORDS[2]!, 'only zero-width characters', '\u200b\u200c\u200d\u2060\u200b', 'indexed');
  add('controls.txt', 'control characters and ANSI escapes', 'Bell\x07 and\x01 escape \x1b[31mred\x1b[0m text.\x7f Form\ffeed and\vvertical tab.\u2028Line separator.', 'indexed');
  // Markdown
  add(
    'markdown.md',
    'markdown: fences, tables, HTML, mentions',
    [
      '# Server rules',
      '',
      'Ping @everyone and @here, or <@123>, <@!124>, <@&456> and <#789> for help.',
      '',
      '```js',
      '# not a heading inside a fence',
      '',
      'const x = "<@&456>";',
      '```',
      '',
      '| Rule | Penalty |',
      '|------|---------|',
      '| Spam | Ban     |',
      '',
      '<div align="center"><script>alert(1)</script><!-- a comment --></div>',
      '',
      'Setext heading',
      '==============',
      '',
      '## Closing hashes ##',
      '',
      '> A quote with **bold**, _italic_, `code` and [a link](https://example.com).',
      '',
      '~~~',
      'an unclosed fence runs to the end',
    ].join('\n'),
    'indexed',
  );
  add('only-headings.md', 'markdown with headings only', '# Title\n\n## Section\n', NO_TEXT);
  add('frontmatter-only.md', 'markdown with only frontmatter', '---\ntitle: Nothing else\n---\n', NO_TEXT);
  add('empty-code.md', 'markdown with an empty code block', '# Empty\n\n```js\n```\n', NO_TEXT);
  add('deeply-nested.md', 'block quotes 10,000 deep', '> '.repeat(10_000) + 'Deep.', TOO_DEEP);
  // Names
  add('with spaces in name.txt', 'spaces in the name', 'A file name with spaces.', 'indexed');
  add('ünïcödé 名前 😀.txt', 'unicode and emoji in the name', 'A file name in several scripts.', 'indexed');
  add('-leading-dash.txt', 'leading dash in the name', 'A name that looks like an option.', 'indexed');
  add('--full.md', 'name that is a CLI flag', 'Another name that looks like an option.', 'indexed');
  add('.hidden.txt', 'hidden (dot) file', 'A hidden file is still a document.', 'indexed');
  add('UPPER.TXT', 'upper-case extension', 'An upper-case extension.', 'indexed');
  add('folder.txt/inside.md', 'folder named like a file', 'A document inside a folder called folder.txt.', 'indexed');
  add('a/b/c/d/e/f/g/h/deep.txt', 'deeply nested', 'Eight folders deep.', 'indexed');
  add('slides.pptx', 'other extension', 'PK\x03\x04', /^not a document citebot reads \(/);
  files['real/linked.txt'] = 'Reached through a folder link too.'; // the folder is read once, as link-to-real (sorted first)
  inputs.push(input('real', 'folder also reached by a symlink', /^same folder as one already read \(symlink\)$/));
  add('original.txt', 'target of a file link', 'The original of a linked file.', 'indexed');
  add('locked.txt', 'chmod 000 file', 'A file nobody may read.', root ? 'indexed' : /^cannot be read \(permission denied\)$/);
  files['locked-dir/inside.txt'] = 'In a folder nobody may list.';
  if (root) inputs.push(input('locked-dir/inside.txt', 'file in a chmod 000 folder', 'indexed'));
  else inputs.push(input('locked-dir', 'chmod 000 folder', /^cannot be read \(permission denied\)$/));
  const dir = tempSeeds(files);
  const outsideDir = tempDir('citebot-outside-');
  const outside = join(outsideDir, 'outside.txt');
  writeFileSync(outside, 'A document that lives outside the seeds folder.');

  const link = (target: string, source: string, kind: string, expect: Expected) => {
    mkdirSync(join(dir, source, '..'), { recursive: true });
    symlinkSync(target, join(dir, source));
    inputs.push(input(source, kind, expect));
  };
  link(outside, 'outside-link.txt', 'symlink to a file outside the seeds', 'indexed');
  link(join(dir, 'original.txt'), 'x-link-to-original.txt', 'symlink to a file already read', /^same file as original\.txt \(a link\)$/);
  linkSync(join(dir, 'original.txt'), join(dir, 'y-hard-link.txt'));
  inputs.push(input('y-hard-link.txt', 'hard link to a file already read', /^same file as original\.txt \(a link\)$/));
  link(join(dir, 'real'), 'link-to-real', 'symlink to a folder', 'indexed');
  inputs.find((i) => i.source === 'link-to-real')!.source = 'link-to-real/linked.txt';
  link('missing.txt', 'broken.txt', 'broken symlink', /^vanished or is a broken link$/);
  link('loop-b.txt', 'loop-a.txt', 'symlink loop (files)', /^symlink loop$/);
  link('loop-a.txt', 'loop-b.txt', 'symlink loop (files)', /^symlink loop$/);
  mkdirSync(join(dir, 'loop'));
  link(join(dir, 'loop'), 'loop/again', 'symlink loop (folders)', /^same folder as one already read \(symlink\)$/);
  link('/dev/zero', 'zero.txt', 'symlink to /dev/zero', /^not a regular file$/);
  execFileSync('mkfifo', [join(dir, 'fifo.txt')]);
  inputs.push(input('fifo.txt', 'named pipe (FIFO) named .txt', /^not a regular file$/));
  chmodSync(join(dir, 'locked.txt'), 0o000);
  chmodSync(join(dir, 'locked-dir'), 0o000);
  return { dir, inputs, outside, unreadable: ['locked.txt', 'locked-dir'], root };
}

/** Deterministic pseudo-random bytes. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export const PROJECT_SEED = join(PROJECT_ROOT, 'seeds', SEED_FILE);
