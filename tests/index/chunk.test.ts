import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNKING } from '../../index/chunk.ts';
import { LineIndex } from '../../language/lines.ts';
import { estimateTokens } from '../../language/terms.ts';
import { loadMarkdown } from '../../loaders/markdown.ts';
import { textLoader } from '../../loaders/text.ts';
import type { Passage } from '../../store/format.ts';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-corpus.ts';

const article = readFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), 'utf8');

const chunkText = (source: string, text: string) => chunkDocument(source, textLoader.load(Buffer.from(text), source.replace(/\.\w+$/, '')));
const chunkMarkdown = (source: string, text: string) => chunkDocument(source, loadMarkdown(text, source.replace(/\.\w+$/, '')));

function linesOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Each unit of the passage: its source text, what people read of it, its kind and its block. */
const unitsOf = (p: Omit<Passage, 'id'>, text: string) => p.units.map((u) => ({ source: text.slice(u.start, u.end), display: p.display.slice(u.displayStart, u.displayEnd), kind: u.kind, block: u.block }));

describe('chunkDocument', () => {
  it('cuts the article into passages whose offsets, lines and units slice the source exactly', () => {
    const { title, passages } = chunkText(SEED_FILE, article);
    expect(title).toBe('CSTO-Dushanbe-declaration');
    expect(passages.length).toBeGreaterThanOrEqual(4);
    for (const p of passages) {
      expect(article.slice(p.charStart, p.charEnd)).toBe(p.text);
      expect(p.lineStart).toBe(linesOf(article, p.charStart));
      expect(p.lineEnd).toBe(linesOf(article, p.charEnd - 1));
      expect(p.section).toEqual([]);
      expect(p.paragraph).toBe(p.units[0]!.block);
      for (const u of unitsOf(p, article)) {
        expect(p.text).toContain(u.source);
        // Plain text is shown as it is, whitespace aside.
        expect(u.display).toBe(u.source.replace(/\s+/g, ' '));
        expect(u.kind).toBe('prose');
      }
    }
    // Every sentence is in some passage, in order.
    const sentences = [...new Set(passages.flatMap((p) => unitsOf(p, article).map((u) => u.source)))];
    expect(sentences.join(' ').replace(/\s+/g, ' ')).toBe(article.trim().replace(/\s+/g, ' '));
    // Each line of the article is one paragraph: the outer-space sentence is in paragraph 5, line 5.
    const lines = new LineIndex(article);
    const space = passages.flatMap((p) => p.units).find((u) => article.slice(u.start, u.end).includes('arms race in outer space'))!;
    expect({ block: space.block, line: lines.lineOf(space.start), lastLine: lines.lineOf(space.end - 1) }).toEqual({ block: 5, line: 5, lastLine: 5 });
  });

  it('splits one long line with no breaks into window-sized passages that overlap by a sentence', () => {
    const sentence = (i: number) => `Sentence number ${i} talks about topic ${i} at some length so that it has words.`;
    const text = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');
    const { passages } = chunkText('long.txt', text);
    expect(passages.length).toBeGreaterThan(10);
    for (const p of passages) {
      expect(estimateTokens(p.display)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
      expect(text.slice(p.charStart, p.charEnd)).toBe(p.text);
      expect(p).toMatchObject({ lineStart: 1, lineEnd: 1, paragraph: 1 });
    }
    for (let i = 1; i < passages.length; i++) {
      const [before, after] = [passages[i - 1]!, passages[i]!];
      expect(after.units[0]).toEqual({ ...before.units.at(-1)!, displayStart: 0, displayEnd: before.units.at(-1)!.displayEnd - before.units.at(-1)!.displayStart }); // overlap
      expect(after.charStart).toBeGreaterThan(before.charStart);
    }
    expect(passages[passages.length - 1]!.charEnd).toBe(text.length);
  });

  it('cuts a sentence longer than the window at word boundaries', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const { passages } = chunkText('w.txt', text);
    expect(passages.length).toBeGreaterThan(4);
    for (const p of passages) {
      expect(p.text).toMatch(/^word\d+( word\d+)*$/);
      for (const u of unitsOf(p, text)) expect(u.source).toMatch(/^word\d+( word\d+)*$/);
      expect(estimateTokens(p.display)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
    }
  });

  it('uses markdown headings as the title and section paths, not as passages, and ignores # inside code', () => {
    const text = '# House rules\n\nBe kind to each other. No spam.\n\n## Voice chat\n\nPush to talk is\nrequired after 10 pm.\n\n```\n# not a heading\n```\n';
    const { title, passages } = chunkMarkdown('rules.md', text);
    expect(title).toBe('House rules');
    expect(passages.map((p) => [p.section, unitsOf(p, text)])).toEqual([
      [
        [],
        [
          { source: 'Be kind to each other.', display: 'Be kind to each other.', kind: 'prose', block: 1 },
          { source: 'No spam.', display: 'No spam.', kind: 'prose', block: 1 },
        ],
      ],
      [
        ['Voice chat'],
        [
          // A hard-wrapped line is not a sentence end.
          { source: 'Push to talk is\nrequired after 10 pm.', display: 'Push to talk is required after 10 pm.', kind: 'prose', block: 2 },
          { source: '# not a heading', display: '# not a heading', kind: 'code', block: 3 },
        ],
      ],
    ]);
    expect(passages[1]).toMatchObject({ lineStart: 7, lineEnd: 11, paragraph: 2, display: 'Push to talk is required after 10 pm.\n# not a heading' });
  });

  it('keeps each passage within one section, a code block whole, and table rows as units shown with their header', () => {
    const steps = Array.from({ length: 30 }, (_, i) => `Step ${i} of the installation explains one more thing to do.`).join(' ');
    const text = `# Guide\n\n## Setup\n\n${steps}\n\n\`\`\`sh\nnpm install\n\nnpm start\n\`\`\`\n\n## Commands\n\n| Command | Effect |\n|---|---|\n| \`/ask\` | Answers a question |\n| \`/quote\` | Quotes a line |\n`;
    const { passages } = chunkMarkdown('guide.md', text);
    expect(passages.length).toBeGreaterThan(2);
    for (const p of passages) expect(text.slice(p.charStart, p.charEnd)).toBe(p.text);
    expect(passages.map((p) => p.section.join('/'))).toEqual([...passages.slice(0, -1).map(() => 'Setup'), 'Commands']);
    const code = passages.flatMap((p) => unitsOf(p, text)).filter((u) => u.kind === 'code');
    expect(code).toEqual([{ source: 'npm install\n\nnpm start', display: 'npm install\n\nnpm start', kind: 'code', block: 2 }]);
    expect(unitsOf(passages.at(-1)!, text)).toEqual([
      { source: '| `/ask` | Answers a question |', display: 'Command: /ask · Effect: Answers a question', kind: 'row', block: 3 },
      { source: '| `/quote` | Quotes a line |', display: 'Command: /quote · Effect: Quotes a line', kind: 'row', block: 4 },
    ]);
    // The last setup passage does not run on into the next section, nor does the overlap reach back across it.
    expect(passages.at(-1)!.units.every((u) => u.kind === 'row')).toBe(true);
  });

  it('counts blank-line separated blocks as paragraphs when the text has blank lines', () => {
    const text = 'First paragraph line one\nline two.\n\nSecond paragraph.\n\n\nThird.';
    const { passages } = chunkText('p.txt', text);
    const lines = new LineIndex(text);
    expect(passages.flatMap((p) => p.units).map((u) => [u.block, lines.lineOf(u.start), lines.lineOf(u.end - 1)])).toEqual([
      [1, 1, 2],
      [2, 4, 4],
      [3, 7, 7],
    ]);
    // Blocks of one passage are shown one to a line.
    expect(passages[0]!.display).toBe('First paragraph line one line two.\nSecond paragraph.\nThird.');
  });
});
