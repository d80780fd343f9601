// Chunking and quoting arbitrary text: every passage is an exact slice of its file, no text is lost, nothing is cut
// inside a character, and no input takes long. Random texts from an alphabet of the awkward cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument, markdownHeading } from '../../index/chunk.ts';
import { wordCut } from '../../retrieval/quote.ts';

const PIECES = [
  'word', 'The council met.', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\t', '.', '!', '?', 'Mr.', 'e.g.', '#', '# ', '## Title', '```',
  '~~~', '|', '| a | b |', '<b>', '<!--', '-->', '@everyone', '<@123>', '<@&456>', '😀', '👍🏽', '👨‍👩‍👧', 'é', 'e\u0301', '\u200b',
  '\u200d', '\u200f', '\u202e', '\ufeff', '\u00ad', '\u2028', '\x01', '\x1b[31m', '\x7f', '\v', '\f', 'العربية', 'עברית', '中文句子。',
  'ไทย', '12345', '3.14', '%%%', '-', '*', '>', '"', '“', '(', ')',
];
const nastyText = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 120 }).map((parts) => parts.join(''));

function isLone(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff);
  if (c >= 0xdc00 && c <= 0xdfff) return !(text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff);
  return false;
}

/** Offsets of characters that belong to no passage but should: not whitespace, not on a markdown heading line. */
function uncovered(text: string, markdown: boolean, passages: { charStart: number; charEnd: number }[]): number[] {
  const covered = new Uint8Array(text.length);
  for (const p of passages) covered.fill(1, p.charStart, p.charEnd);
  const missing: number[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const heading = markdown && markdownHeading(line.replace(/\r$/, '')) !== null;
    for (let i = lineStart; i < lineStart + line.length; i++) if (!heading && !covered[i] && !/\s/.test(text[i]!)) missing.push(i);
    lineStart += line.length + 1;
  }
  return missing;
}

function check(text: string, markdown: boolean) {
  const { passages } = chunkDocument({ source: 'x', text, markdown, fallbackTitle: 'x' });
  for (const p of passages) {
    expect(text.slice(p.charStart, p.charEnd)).toBe(p.text);
    expect(p.text.trim()).not.toBe('');
    expect(isLone(p.text, 0) || isLone(p.text, p.text.length - 1)).toBe(false); // cut inside a surrogate pair
    for (const [s, e] of p.sentences) expect(p.charStart <= s && s < e && e <= p.charEnd).toBe(true);
    expect(p.lineStart).toBe(text.slice(0, p.charStart).split('\n').length);
  }
  return uncovered(text, markdown, passages);
}

describe('chunkDocument on arbitrary text', () => {
  it('slices exactly, loses no text outside fences, and never cuts a character in two', () => {
    fc.assert(
      fc.property(nastyText, fc.boolean(), (text, markdown) => {
        const missing = check(text, markdown);
        // In markdown, text inside a fence that never closes is still a paragraph; nothing may be missing.
        expect(missing).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('does the same for long texts, where sentences are cut into windows and long sentences at words', () => {
    const dense = PIECES.filter((p) => !/\s/.test(p));
    const long = fc.oneof(
      fc.array(fc.constantFrom(...PIECES), { minLength: 1000, maxLength: 4000 }),
      fc.array(fc.constantFrom(...dense), { minLength: 2000, maxLength: 6000 }), // no spaces: windows are cut anywhere
    );
    fc.assert(
      fc.property(long, fc.boolean(), (parts, markdown) => {
        expect(check(parts.join(''), markdown)).toEqual([]);
      }),
      { numRuns: 60, endOnFailure: true }, // no shrinking: on texts this long it takes minutes
    );
  });

  it('cuts a 10 KB run of emoji without a space between the halves of no character', () => {
    for (const text of ['😀'.repeat(5000), 'a' + '😀'.repeat(5000), 'ab' + '👍🏽'.repeat(3000)]) expect(check(text, false)).toEqual([]);
  });

  it('stays fast on lines built to make regular expressions backtrack', () => {
    const n = 200_000;
    const lines = ['# a' + '#'.repeat(n) + 'x', '# a' + ' '.repeat(n) + 'x', '#'.repeat(n), ' '.repeat(n) + 'x', 'a.'.repeat(n / 2), 'abc,def;'.repeat(n / 8)];
    for (const line of lines) {
      const started = performance.now();
      for (const markdown of [true, false]) check(line + '\n\nMore text.', markdown);
      expect(performance.now() - started, JSON.stringify(line.slice(0, 12))).toBeLessThan(3000);
    }
  });
});

// Long runs with no spaces (a 300 KB "word" gets cut at the quote limit itself): emoji with skin tones and
// families, letters outside the BMP, combining accents.
const oneWord = fc
  .array(fc.constantFrom('😀', '👍🏽', '👨‍👩‍👧', 'x', '𝐀', 'é', 'e\u0301'), { minLength: 1, maxLength: 200 })
  .map((parts) => parts.join(''));
const graphemeEnds = (text: string) => new Set([...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((g) => g.index + g.segment.length));

describe('cutting a quote out of a sentence with no clause breaks', () => {
  it('ends at a space, or at the end of a character as the reader sees it, at most the limit away (property)', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText, oneWord), fc.nat(200), fc.integer({ min: 2, max: 300 }), (text, from, max) => {
        const ends = graphemeEnds(text);
        const start = Math.min(from, text.length - 1);
        if (start > 0 && !ends.has(start)) return;
        const [s, e] = wordCut(text, start, max);
        expect(s).toBe(start);
        expect(e - s).toBeLessThanOrEqual(max);
        expect(e).toBeGreaterThan(s);
        if (e === text.length || text[e] === ' ') return;
        // Only a single character longer than the limit may be cut, and then between code points.
        const fits = [...ends].some((end) => end > s && end <= s + max);
        if (fits) expect(ends.has(e), `cut at ${e} in ${JSON.stringify(text)}`).toBe(true);
        else expect(isLone(text.slice(s, e), e - s - 1)).toBe(false);
      }),
      { numRuns: 300, examples: [['👍🏽👍🏽👍🏽', 0, 6], ['ee\u0301e\u0301', 0, 2], ['x👨‍👩‍👧x', 0, 5]] },
    );
  });
});
