// What the markdown loader makes of a document: its title, its blocks with their kinds and section paths, and the
// text people read of each, mapped back to the exact source it came from.
import { describe, expect, it } from 'vitest';
import { sourceEnd, sourceStart } from '../../loaders/display.ts';
import { chunkDocument } from '../../index/chunk.ts';
import { loadMarkdown, markdownLoader } from '../../loaders/markdown.ts';
import { UnreadableDocument, type Block } from '../../loaders/types.ts';

const GUIDE = [
  '---',
  'title: Threads guide',
  'tags: [threads]',
  '---',
  '',
  '# Threads guide',
  '',
  'Threads are **sub-channels** of a [text channel](https://example.com/channels).',
  '',
  '::: tip',
  'Archive a thread with <DocsLink path="ThreadChannel:Class#setArchived" type="method" />.',
  ':::',
  '',
  '## Creating threads',
  '',
  'Use the `create` method:',
  '',
  '```js',
  'const thread = await channel.threads.create({ name: "x" });',
  '',
  'console.log(thread.name);',
  '```',
  '',
  '### Options',
  '',
  '| Option | Meaning |',
  '|---|---|',
  '| `name` | The name shown |',
  '| autoArchiveDuration | Minutes &amp; more |',
  '',
  '<p align="center"><img src="threads.png"></p>',
  '',
  '<div class="warning">Private threads need the <code>MANAGE_THREADS</code> permission to be seen by moderators.</div>',
  '',
  '## Deleting threads',
  '',
  '- Delete a thread with its menu.',
  '- Deleting is final.',
].join('\n');

const guide = loadMarkdown(GUIDE, 'threads');
const shown = (blocks: Block[]) => blocks.map((b) => [b.kind, b.section, b.display.text]);

describe('the markdown loader', () => {
  it("takes the frontmatter's title as the title; the frontmatter and a first heading repeating it are no text", () => {
    expect(guide.title).toBe('Threads guide');
    expect(guide.text).toBe(GUIDE);
    for (const b of guide.blocks) {
      expect(b.display.text).not.toMatch(/tags|title:/);
      expect(b.section).not.toContain('Threads guide');
    }
  });

  it('takes the first "# " heading as the title when there is no frontmatter title, and the file name otherwise', () => {
    expect(loadMarkdown('# House rules\n\nBe kind.', 'rules')).toMatchObject({ title: 'House rules', blocks: [{ section: [] }] });
    expect(loadMarkdown('---\ndraft: true\n---\n\n# House rules\n\nBe kind.', 'rules').title).toBe('House rules');
    // A heading after text is a section, not the title.
    const late = loadMarkdown('Some text first.\n\n# Later heading\n\nBody.', 'notes');
    expect(late.title).toBe('notes');
    expect(shown(late.blocks)).toEqual([
      ['prose', [], 'Some text first.'],
      ['prose', ['Later heading'], 'Body.'],
    ]);
    expect(loadMarkdown('No headings at all.', 'plain notes').title).toBe('plain notes');
  });

  it('gives each block its kind, its heading path, and the text people read: markup, containers and HTML are structure', () => {
    expect(shown(guide.blocks)).toEqual([
      ['prose', [], 'Threads are sub-channels of a text channel.'],
      ['prose', [], 'Archive a thread with ThreadChannel#setArchived().'],
      ['prose', ['Creating threads'], 'Use the create method:'],
      ['code', ['Creating threads'], 'const thread = await channel.threads.create({ name: "x" });\n\nconsole.log(thread.name);'],
      ['row', ['Creating threads', 'Options'], 'Option: name · Meaning: The name shown'],
      ['row', ['Creating threads', 'Options'], 'Option: autoArchiveDuration · Meaning: Minutes & more'],
      ['prose', ['Creating threads', 'Options'], 'Private threads need the MANAGE_THREADS permission to be seen by moderators.'],
      ['prose', ['Deleting threads'], 'Delete a thread with its menu.'],
      ['prose', ['Deleting threads'], 'Deleting is final.'],
    ]);
    expect(guide.blocks.find((b) => b.kind === 'code')!.language).toBe('js');
  });

  it('gives each block its source span: a code block is the code inside its fences, a row its line', () => {
    const source = (b: Block) => GUIDE.slice(b.start, b.end);
    const [intro, , , code, row] = guide.blocks;
    expect(source(intro!)).toBe('Threads are **sub-channels** of a [text channel](https://example.com/channels).');
    expect(source(code!)).toBe('const thread = await channel.threads.create({ name: "x" });\n\nconsole.log(thread.name);');
    expect(source(row!)).toBe('| `name` | The name shown |');
  });

  it('maps any word people read back to where it stands in the source', () => {
    for (const block of guide.blocks) {
      const { text } = block.display;
      for (const m of text.matchAll(/[\p{L}\p{N}_]+/gu)) {
        const [start, end] = [sourceStart(block.display, m.index), sourceEnd(block.display, m.index + m[0].length)];
        expect(block.start <= start && start < end && end <= block.end, m[0]).toBe(true);
        // Words copied from the source are found exactly there; a component's name or an entity stands for its whole tag.
        if (GUIDE.slice(start, end) === m[0]) continue;
        if (block.kind === 'row' && ['Option', 'Meaning'].includes(m[0])) continue; // a row shows its columns' names, from the header
        const standsFor = [...GUIDE.matchAll(/<DocsLink [^>]*\/>|&amp;/g)].find((t) => t.index <= start && end <= t.index + t[0].length);
        expect(standsFor, `${m[0]} -> ${JSON.stringify(GUIDE.slice(start, end))}`).toBeDefined();
      }
    }
  });

  it('keeps source spans exact in a file that starts with a byte order mark', () => {
    const text = '\ufeff---\ntitle: Rules\n---\n\nBe **kind** to [everyone](https://example.com).\n\n```js\nkind();\n```\n';
    const doc = loadMarkdown(text, 'rules');
    expect(doc.title).toBe('Rules');
    expect(doc.blocks.map((b) => text.slice(b.start, b.end))).toEqual(['Be **kind** to [everyone](https://example.com).', 'kind();']);
  });

  it('reads and places an aside in brackets that holds a web or mail address', () => {
    const text = 'Intro.\n\n[Note: the docs live at https://example.com/docs] Read them.\n\nIt costs $5 [see www.example.com or mail [admin@example.com for more.\n';
    const doc = loadMarkdown(text, 'notes');
    expect(doc.blocks.map((b) => [b.display.text, text.slice(b.start, b.end)])).toEqual([
      ['Intro.', 'Intro.'],
      ['[Note: the docs live at https://example.com/docs] Read them.', '[Note: the docs live at https://example.com/docs] Read them.'],
      ['It costs $5 [see www.example.com or mail [admin@example.com for more.', 'It costs $5 [see www.example.com or mail [admin@example.com for more.'],
    ]);
    for (const b of doc.blocks) {
      for (const m of b.display.text.matchAll(/\S+/g)) expect(text.slice(sourceStart(b.display, m.index), sourceEnd(b.display, m.index + m[0].length))).toBe(m[0]);
    }
  });

  it('refuses, with a reason, markdown nested too deeply for the parser', () => {
    const deep = '> '.repeat(10_000) + 'x'; // block quotes 10,000 deep on one line
    expect(() => loadMarkdown(deep, 'deep')).toThrow(new UnreadableDocument('markdown nested too deeply to read'));
  });

  it('reads .md and .markdown files as UTF-8, and refuses other bytes with the reason', () => {
    expect(markdownLoader.extensions).toEqual(['.md', '.markdown']);
    expect(markdownLoader.load(Buffer.from('# T\n\nCafé.'), 't').blocks[0]!.display.text).toBe('Café.');
    expect(() => markdownLoader.load(Buffer.from('Caf\xe9', 'latin1'), 't')).toThrow(/^not valid UTF-8; save it as UTF-8$/);
  });
});

describe('escapes, entities and inline HTML', () => {
  const units = (text: string) =>
    chunkDocument('t.md', loadMarkdown(text, 't')).passages.flatMap((p) => p.units.map((u) => [text.slice(u.start, u.end), p.display.slice(u.displayStart, u.displayEnd)]));

  it('maps an escaped or entity-coded word to its own place, never to a later plain copy of it', () => {
    expect(units('Set max\\_size first. Later max_size grows.')).toEqual([
      ['Set max\\_size first.', 'Set max_size first.'],
      ['Later max_size grows.', 'Later max_size grows.'],
    ]);
    expect(units('Use R&amp;D funds here. Our R&D team is big.')).toEqual([
      ['Use R&amp;D funds here.', 'Use R&D funds here.'],
      ['Our R&D team is big.', 'Our R&D team is big.'],
    ]);
  });

  it('cites an entity whole and shows what it stands for', () => {
    expect(units('Pick View&hellip; then it&rsquo;s &ldquo;done&rdquo;&nbsp;here.')).toEqual([
      ['Pick View&hellip; then it&rsquo;s &ldquo;done&rdquo;&nbsp;here.', 'Pick View… then it’s “done” here.'],
    ]);
  });

  it('reads a line break tag between words as a space', () => {
    expect(units('First line<br>second line here.')).toEqual([['First line<br>second line here.', 'First line second line here.']]);
  });
});
