import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNKING } from '../../index/chunk.ts';
import { estimateTokens } from '../../language/terms.ts';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-corpus.ts';

const article = readFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), 'utf8');

function linesOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('chunkDocument', () => {
  it('cuts the article into passages whose offsets, lines and sentences slice the source exactly', () => {
    const { passages } = chunkDocument({ source: SEED_FILE, text: article, markdown: false, fallbackTitle: 'CSTO' });
    expect(passages.length).toBeGreaterThanOrEqual(11);
    for (const p of passages) {
      expect(article.slice(p.charStart, p.charEnd)).toBe(p.text);
      expect(p.lineStart).toBe(linesOf(article, p.charStart));
      expect(p.lineEnd).toBe(linesOf(article, p.charEnd - 1));
      for (const [s, e] of p.sentences) expect(p.text).toContain(article.slice(s, e));
    }
    // Each line of the article is one paragraph: the outer-space sentence is in paragraph 5, line 5.
    const space = passages.find((p) => p.text.includes('arms race in outer space'))!;
    expect(space).toMatchObject({ paragraph: 5, lineStart: 5, lineEnd: 5 });
  });

  it('splits one long line with no breaks into window-sized passages that overlap by a sentence', () => {
    const sentence = (i: number) => `Sentence number ${i} talks about topic ${i} at some length so that it has words.`;
    const text = Array.from({ length: 200 }, (_, i) => sentence(i)).join(' ');
    const { passages } = chunkDocument({ source: 'long.txt', text, markdown: false, fallbackTitle: 'long' });
    expect(passages.length).toBeGreaterThan(10);
    for (const p of passages) {
      expect(estimateTokens(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
      expect(text.slice(p.charStart, p.charEnd)).toBe(p.text);
      expect(p).toMatchObject({ lineStart: 1, lineEnd: 1, paragraph: 1 });
    }
    for (let i = 1; i < passages.length; i++) {
      expect(passages[i]!.charStart).toBeLessThan(passages[i - 1]!.charEnd); // overlap
      expect(passages[i]!.charStart).toBeGreaterThan(passages[i - 1]!.charStart);
    }
    expect(passages[passages.length - 1]!.charEnd).toBe(text.length);
  });

  it('cuts a sentence longer than the window at word boundaries', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(' ');
    const { passages } = chunkDocument({ source: 'w.txt', text, markdown: false, fallbackTitle: 'w' });
    expect(passages.length).toBeGreaterThan(4);
    for (const p of passages) {
      expect(p.text).toMatch(/^word\d+( word\d+)*$/);
      expect(estimateTokens(p.text)).toBeLessThanOrEqual(DEFAULT_CHUNKING.maxTokens);
    }
  });

  it('uses markdown headings as the title and section titles, not as passages, and ignores # inside code', () => {
    const text = '# House rules\n\nBe kind to each other. No spam.\n\n## Voice chat\n\nPush to talk is\nrequired after 10 pm.\n\n```\n# not a heading\n```\n';
    const { title, passages } = chunkDocument({ source: 'rules.md', text, markdown: true, fallbackTitle: 'rules' });
    expect(title).toBe('House rules');
    expect(passages.map((p) => [p.text, p.section, p.paragraph])).toEqual([
      ['Be kind to each other. No spam.', undefined, 1],
      ['Push to talk is\nrequired after 10 pm.', 'Voice chat', 2],
      ['```\n# not a heading\n```', 'Voice chat', 3],
    ]);
    // A hard-wrapped line is not a sentence end.
    expect(passages[1]!.sentences).toHaveLength(1);
    expect(passages[1]).toMatchObject({ lineStart: 7, lineEnd: 8 });
  });

  it('counts blank-line separated blocks as paragraphs when the text has blank lines', () => {
    const text = 'First paragraph line one\nline two.\n\nSecond paragraph.\n\n\nThird.';
    const { passages } = chunkDocument({ source: 'p.txt', text, markdown: false, fallbackTitle: 'p' });
    expect(passages.map((p) => [p.paragraph, p.lineStart, p.lineEnd])).toEqual([
      [1, 1, 2],
      [2, 4, 4],
      [3, 7, 7],
    ]);
  });
});
