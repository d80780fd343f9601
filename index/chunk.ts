// Cuts a loaded document into passages: consecutive units (sentences, code blocks, table rows) of one section,
// under the embedding model's window, overlapping by a unit so an answer on a boundary is never cut in two.
import { sourceEnd, sourceStart, type DisplayText } from '../loaders/display.ts';
import type { Block, LoadedDocument } from '../loaders/types.ts';
import { LineIndex } from '../language/lines.ts';
import { sentenceSpans } from '../language/sentences.ts';
import { estimateTokens } from '../language/terms.ts';
import type { ChunkingParams, Passage, Unit } from '../store/format.ts';

export const DEFAULT_CHUNKING: ChunkingParams = { maxTokens: 180, overlapSentences: 1 };

export interface ChunkedDocument {
  title: string;
  passages: Omit<Passage, 'id'>[];
}

interface PendingUnit {
  block: Block;
  blockNumber: number;
  /** Span in the block's display text. */
  displayStart: number;
  displayEnd: number;
  start: number;
  end: number;
  tokens: number;
}

export function chunkDocument(source: string, doc: LoadedDocument, params: ChunkingParams = DEFAULT_CHUNKING): ChunkedDocument {
  const lines = new LineIndex(doc.text);
  const units = doc.blocks.flatMap((block, i) => unitsOf(doc.text, block, i + 1, params.maxTokens));
  const passages: Omit<Passage, 'id'>[] = [];
  let start = 0;
  while (start < units.length) {
    let end = start;
    let tokens = units[start]!.tokens;
    while (end + 1 < units.length && sameSection(units[start]!.block, units[end + 1]!.block) && tokens + units[end + 1]!.tokens <= params.maxTokens) {
      tokens += units[++end]!.tokens;
    }
    passages.push(passageOf(source, doc, units.slice(start, end + 1), lines));
    if (end + 1 >= units.length) break;
    const overlap = sameSection(units[end]!.block, units[end + 1]!.block) ? params.overlapSentences : 0;
    start = Math.max(start + 1, end + 1 - overlap);
  }
  return { title: doc.title, passages };
}

function sameSection(a: Block, b: Block): boolean {
  return a.page === b.page && a.section.length === b.section.length && a.section.every((s, i) => s === b.section[i]);
}

/** A prose block's sentences (long ones cut at words to fit the window); a code block or table row whole. Units show some text. */
function unitsOf(text: string, block: Block, blockNumber: number, maxTokens: number): PendingUnit[] {
  const { display } = block;
  const spans = block.kind === 'prose' ? splitLong(display.text, sentenceSpans(display.text, 0, display.text.length), maxTokens) : [[0, display.text.length] as [number, number]];
  return spans.map(([ds, de]) => {
    const [start, end] = block.kind === 'prose' ? withMarkup(text, sourceStart(display, ds), sourceEnd(display, de), block) : [block.start, block.end];
    return { block, blockNumber, displayStart: ds, displayEnd: de, start, end, tokens: estimateTokens(display.text.slice(ds, de)) };
  }).filter((u) => u.end > u.start && /\S/.test(display.text.slice(u.displayStart, u.displayEnd)));
}

/**
 * A sentence's source span widened over the markup around its first and last words (`**`, backticks, a link's
 * brackets and target, a tag), so the quote reads whole in the file; never past its block.
 */
function withMarkup(text: string, start: number, end: number, block: Block): [number, number] {
  // Markup around a word is short: a longer run of these characters is text (and walking it per sentence is quadratic).
  const [lowest, highest] = [Math.max(block.start, start - 200), Math.min(block.end, end + 400)];
  for (;;) {
    const before = text.slice(lowest, start);
    const m = /(?:[*_~`[<]|<[^<>\n]*>)$/.exec(before);
    if (!m) break;
    start -= m[0].length;
  }
  for (;;) {
    const after = text.slice(end, highest);
    const m = /^(?:[*_~`]|\]\([^)\s]*(?:\s+"[^"]*")?\)|\]\[[^\]]*\]|\]|<\/[^<>\n]*>|<[^<>\n]*\/>)/.exec(after);
    if (!m) break;
    end += m[0].length;
  }
  return [Math.max(start, block.start), Math.min(end, block.end)];
}

/** Sentences longer than the window are cut at word boundaries into window-sized pieces. */
function splitLong(text: string, spans: Array<[number, number]>, maxTokens: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const span of spans) {
    if (estimateTokens(text.slice(span[0], span[1])) <= maxTokens) {
      out.push(span);
      continue;
    }
    let pieceStart = -1;
    let pieceEnd = span[0];
    let tokens = 0;
    // Matched within the sentence: on the whole text, \S+ would scan to the next space, perhaps megabytes away.
    for (const m of text.slice(span[0], span[1]).matchAll(/\S+/g)) {
      const wordStart = span[0] + m.index;
      const wordEnd = wordStart + m[0].length;
      const wordTokens = estimateTokens(m[0]);
      if (pieceStart !== -1 && tokens + wordTokens > maxTokens) {
        out.push([pieceStart, pieceEnd]);
        pieceStart = -1;
        tokens = 0;
      }
      if (pieceStart === -1) pieceStart = wordStart;
      pieceEnd = wordEnd;
      tokens += wordTokens;
    }
    if (pieceStart !== -1) out.push([pieceStart, pieceEnd]);
  }
  return out;
}

function passageOf(source: string, doc: LoadedDocument, group: PendingUnit[], lines: LineIndex): Omit<Passage, 'id'> {
  const first = group[0]!;
  const charStart = Math.min(...group.map((u) => u.start));
  const charEnd = Math.max(...group.map((u) => u.end));
  let display = '';
  const runs: number[] = [];
  const units: Unit[] = group.map((u, i) => {
    if (i > 0) display += u.block === group[i - 1]!.block ? ' ' : '\n';
    const displayStart = display.length;
    display += u.block.display.text.slice(u.displayStart, u.displayEnd);
    shiftRuns(u.block.display, u.displayStart, u.displayEnd, displayStart, runs);
    return {
      start: u.start,
      end: u.end,
      displayStart,
      displayEnd: display.length,
      kind: u.block.kind,
      block: u.blockNumber,
      ...(u.block.language !== undefined && { language: u.block.language }),
      ...(u.block.page !== undefined && { page: u.block.page }),
    };
  });
  return {
    source,
    title: doc.title,
    section: first.block.section,
    text: doc.text.slice(charStart, charEnd),
    display,
    runs,
    units,
    charStart,
    charEnd,
    lineStart: lines.lineOf(charStart),
    lineEnd: lines.lineOf(charEnd - 1),
    paragraph: first.blockNumber,
    ...(first.block.page !== undefined && { page: first.block.page }),
  };
}

/** The block's runs covering [from, to) of its display text, moved to start at `at` in the passage's display. */
function shiftRuns(display: DisplayText, from: number, to: number, at: number, out: number[]): void {
  const { runs } = display;
  for (let i = 0; i < runs.length; i += 3) {
    const [d, s, l] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    if (l === 0) {
      if (d >= from && d <= to) out.push(at + d - from, s, 0);
      continue;
    }
    const lo = Math.max(d, from);
    const hi = Math.min(d + l, to);
    if (lo < hi) out.push(at + lo - from, s + lo - d, hi - lo);
  }
}
