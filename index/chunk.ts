// Splits one document into passages: a few whole sentences each, inside one paragraph, under the
// embedding model's window, overlapping by a sentence so an answer on a boundary is never cut in two.
import type { ChunkingParams, Passage } from '../store/format.ts';
import { LineIndex } from '../language/lines.ts';
import { sentenceSpans, type Span } from '../language/sentences.ts';
import { estimateTokens } from '../language/terms.ts';

export const DEFAULT_CHUNKING: ChunkingParams = { maxTokens: 180, overlapSentences: 1 };

export interface DocumentInput {
  source: string;
  text: string;
  /** Markdown: headings become section titles and are not passages themselves. */
  markdown: boolean;
  /** Used when a markdown file has no level-1 heading. */
  fallbackTitle: string;
}

export interface ChunkedDocument {
  title: string;
  passages: Omit<Passage, 'id'>[];
}

interface Block {
  start: number;
  end: number;
  heading?: string;
  headingLevel?: number;
}

export function chunkDocument(doc: DocumentInput, params: ChunkingParams = DEFAULT_CHUNKING): ChunkedDocument {
  const lines = new LineIndex(doc.text);
  const blocks = splitBlocks(doc.text, doc.markdown);
  const h1 = blocks.find((b) => b.headingLevel === 1)?.heading;
  const title = h1 ?? doc.fallbackTitle;
  const passages: Omit<Passage, 'id'>[] = [];
  let section: string | undefined;
  let paragraph = 0;
  for (const block of blocks) {
    if (block.heading !== undefined) {
      section = block.headingLevel === 1 ? undefined : block.heading;
      continue;
    }
    paragraph++;
    const sentences = splitLong(doc.text, sentenceSpans(doc.text, block.start, block.end), params.maxTokens);
    for (const group of groupSentences(doc.text, sentences, params)) {
      const charStart = group[0]![0];
      const charEnd = group[group.length - 1]![1];
      passages.push({
        source: doc.source,
        title,
        ...(section !== undefined && { section }),
        text: doc.text.slice(charStart, charEnd),
        charStart,
        charEnd,
        lineStart: lines.lineOf(charStart),
        lineEnd: lines.lineOf(charEnd - 1),
        paragraph,
        sentences: group,
      });
    }
  }
  return { title, passages };
}

/** Paragraph blocks: blank-line separated when the text has blank lines, else one per line. */
function splitBlocks(text: string, markdown: boolean): Block[] {
  const blankLines = /\n[ \t]*\r?\n/.test(text);
  const blocks: Block[] = [];
  let current: Block | undefined;
  let inFence = false;
  const flush = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const content = line.replace(/\r$/, '');
    const trimmedStart = lineStart + (content.length - content.trimStart().length);
    const trimmedEnd = lineStart + content.trimEnd().length;
    if (markdown && /^\s{0,3}(```|~~~)/.test(content)) inFence = !inFence;
    const heading = markdown && !inFence ? markdownHeading(content) : null;
    if (heading) {
      flush();
      blocks.push({ start: trimmedStart, end: trimmedEnd, heading: heading.title, headingLevel: heading.level });
    } else if (trimmedEnd <= trimmedStart) {
      if (!inFence) flush();
    } else if (current && blankLines) {
      current.end = trimmedEnd;
    } else {
      flush();
      current = { start: trimmedStart, end: trimmedEnd };
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return blocks;
}

/**
 * `## Title ##` -> level 2, "Title". What /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/ matched, in linear time: that
 * regex backtracked quadratically on a long run of spaces or #s (seconds for a 40 KB line, hours for megabytes).
 */
export function markdownHeading(line: string): { level: number; title: string } | null {
  const marker = /^\s{0,3}(#{1,6})(?=\s)/.exec(line);
  if (!marker) return null;
  const rest = line.slice(marker[0].length);
  let start = 0;
  let end = rest.length;
  while (start < end && /\s/.test(rest[start]!)) start++;
  while (end > start && /\s/.test(rest[end - 1]!)) end--;
  while (end > start && rest[end - 1] === '#') end--;
  while (end > start && /\s/.test(rest[end - 1]!)) end--;
  const title = rest.slice(start, end);
  return /[\n\r\u2028\u2029]/.test(title) ? null : { level: marker[1]!.length, title };
}

/** Sentences longer than the window are cut at word boundaries into window-sized pieces. */
function splitLong(text: string, spans: Span[], maxTokens: number): Span[] {
  const out: Span[] = [];
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

function groupSentences(text: string, sentences: Span[], params: ChunkingParams): Span[][] {
  const tokens = sentences.map(([s, e]) => estimateTokens(text.slice(s, e)));
  const groups: Span[][] = [];
  let start = 0;
  while (start < sentences.length) {
    let end = start;
    let total = tokens[start]!;
    while (end + 1 < sentences.length && total + tokens[end + 1]! <= params.maxTokens) total += tokens[++end]!;
    groups.push(sentences.slice(start, end + 1));
    if (end + 1 >= sentences.length) break;
    start = Math.max(start + 1, end + 1 - params.overlapSentences);
  }
  return groups;
}
