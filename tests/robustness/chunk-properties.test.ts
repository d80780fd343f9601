// Loading and chunking arbitrary text: every passage is an exact slice of its file, its units and the display text
// people read map back inside it, no text is lost, nothing is cut inside a character, and no input takes long.
// Random texts from an alphabet of the awkward cases, read as plain text and as markdown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../index/chunk.ts';
import { sourceEnd, sourceStart } from '../../loaders/display.ts';
import { loadMarkdown } from '../../loaders/markdown.ts';
import { textLoader } from '../../loaders/text.ts';
import { UnreadableDocument, type LoadedDocument } from '../../loaders/types.ts';
import { wordCut } from '../../retrieval/quote.ts';

const PIECES = [
  'word', 'The council met.', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\t', '.', '!', '?', 'Mr.', 'e.g.', '#', '# ', '## Title', '```',
  '~~~', '|', '| a | b |', '<b>', '<!--', '-->', '@everyone', '<@123>', '<@&456>', '😀', '👍🏽', '👨‍👩‍👧', 'é', 'e\u0301', '\u200b',
  '\u200d', '\u200f', '\u202e', '\ufeff', '\u00ad', '\u2028', '\x01', '\x1b[31m', '\x7f', '\v', '\f', 'العربية', 'עברית', '中文句子。',
  'ไทย', '12345', '3.14', '%%%', '-', '*', '>', '"', '“', '(', ')', ':::', '::: tip', '---', 'title: T', '[link](x)', '**', '&amp;', '<DocsLink path="A:Class#b" type="method" />', 'www.example.com', 'a@b.co',
];
const nastyText = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 120 }).map((parts) => parts.join(''));

function isLone(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return !(text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff);
  if (c >= 0xdc00 && c <= 0xdfff) return !(text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff);
  return false;
}

/** Between the two halves of a surrogate pair. */
const insidePair = (text: string, at: number) => at > 0 && at < text.length && isLone(text.slice(at), 0) && isLone(text.slice(0, at), at - 1);

/** The document as a loader reads it; a text file of only whitespace is refused (and nothing else is). */
function load(text: string, markdown: boolean): LoadedDocument | undefined {
  if (markdown) return loadMarkdown(text, 'x');
  try {
    return textLoader.load(Buffer.from(text), 'x');
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableDocument);
    expect(text.trim()).toBe('');
    return undefined;
  }
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

interface ShownUnit {
  block: number;
  start: number;
  end: number;
  display: string;
}

/**
 * Checks every passage of the text and returns what was lost: the blocks whose display text the units do not hold
 * in full and, for a text file (where nothing is markup), offsets of non-space characters no unit covers.
 */
function check(text: string, markdown: boolean): Array<number | string> {
  const doc = load(text, markdown);
  if (!doc) return [];
  expect(doc.text).toBe(text);
  const { passages } = chunkDocument('x', doc);
  const units: ShownUnit[] = []; // the document's units in order, each once
  for (const p of passages) {
    expect(text.slice(p.charStart, p.charEnd)).toBe(p.text);
    expect(p.text.trim()).not.toBe('');
    expect(isLone(p.text, 0) || isLone(p.text, p.text.length - 1)).toBe(false); // cut inside a surrogate pair
    expect(p.lineStart).toBe(text.slice(0, p.charStart).split('\n').length);
    expect(p.units.length).toBeGreaterThan(0);
    const display = { text: p.display, runs: p.runs };
    const own: ShownUnit[] = [];
    for (const u of p.units) {
      expect(p.charStart <= u.start && u.start < u.end && u.end <= p.charEnd).toBe(true);
      expect(0 <= u.displayStart && u.displayStart < u.displayEnd && u.displayEnd <= p.display.length).toBe(true);
      expect(p.display.slice(u.displayStart, u.displayEnd).trim()).not.toBe('');
      expect(insidePair(text, u.start) || insidePair(text, u.end)).toBe(false);
      // A unit's display text maps back to a source span inside the passage (a quote cut from it is exact).
      const [from, to] = [sourceStart(display, u.displayStart), sourceEnd(display, u.displayEnd)];
      expect(p.charStart <= from && from <= to && to <= p.charEnd, `${u.displayStart}-${u.displayEnd} -> ${from}-${to}`).toBe(true);
      own.push({ block: u.block, start: u.start, end: u.end, display: p.display.slice(u.displayStart, u.displayEnd) });
    }
    // A passage begins with the unit(s) the one before it ends with (the overlap), then goes on.
    const same = (a: ShownUnit, b: ShownUnit) => a.start === b.start && a.end === b.end && a.display === b.display;
    let overlap = Math.min(own.length, units.length);
    while (overlap > 0 && !own.slice(0, overlap).every((u, i) => same(u, units[units.length - overlap + i]!))) overlap--;
    units.push(...own.slice(overlap));
  }
  // Nothing the loader shows of a block is left out of the passages...
  const lost: Array<number | string> = doc.blocks.flatMap((block, i) => {
    const shown = units.filter((u) => u.block === i + 1).map((u) => u.display);
    return squeeze(shown.join('')) === squeeze(block.display.text) ? [] : [`block ${i + 1}: ${JSON.stringify(block.display.text.slice(0, 200))}`];
  });
  // ...and in a text file every character is shown (markdown's markup is not).
  if (!markdown) {
    const covered = new Uint8Array(text.length);
    for (const u of units) covered.fill(1, u.start, u.end);
    for (let i = 0; i < text.length; i++) if (!covered[i] && !/\s/.test(text[i]!)) lost.push(i);
  }
  return lost;
}

describe('loading and chunking arbitrary text', () => {
  it('slices exactly, maps display text back inside the passage, loses no text, and never cuts a character in two', () => {
    fc.assert(
      fc.property(nastyText, fc.boolean(), (text, markdown) => {
        expect(check(text, markdown)).toEqual([]);
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
    for (const text of ['😀'.repeat(5000), 'a' + '😀'.repeat(5000), 'ab' + '👍🏽'.repeat(3000)]) {
      for (const markdown of [false, true]) expect(check(text, markdown)).toEqual([]);
    }
  });

  // Lines built to make regular expressions backtrack: a quadratic pattern on 200,000 characters would run for
  // minutes, far past the suite's per-test timeout, so finishing at all is the check.
  it('gets through lines built to make regular expressions backtrack', () => {
    const n = 200_000;
    const lines = ['# a' + '#'.repeat(n) + 'x', '# a' + ' '.repeat(n) + 'x', '#'.repeat(n), ' '.repeat(n) + 'x', 'a.'.repeat(n / 2), 'abc,def;'.repeat(n / 8)];
    // and the markdown loader's and the chunker's own patterns: containers, tags and their attributes, markup runs
    lines.push(':'.repeat(n), '<' + 'a '.repeat(n / 2), '<a' + ' b="c"'.repeat(n / 6), '*'.repeat(n) + 'x', '`'.repeat(n) + 'x');
    for (const line of lines) {
      for (const markdown of [true, false]) expect(check(line + '\n\nMore text.', markdown), JSON.stringify(line.slice(0, 12))).toEqual([]);
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
