// Splits one document into passages: a few whole sentences each, inside one paragraph, under the
// embedding model's window, overlapping by a sentence so an answer on a boundary is never cut in two.
import type { ChunkingParams, Passage } from './store-format.ts';
import { LineIndex } from './text/lines.ts';
import { sentenceSpans, type Span } from './text/sentences.ts';
import { estimateTokens } from './text/terms.ts';

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
    const heading = markdown && !inFence ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(content) : null;
    if (heading) {
      flush();
      blocks.push({ start: trimmedStart, end: trimmedEnd, heading: heading[2]!, headingLevel: heading[1]!.length });
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

/** Sentences longer than the window are cut at word boundaries into window-sized pieces. */
function splitLong(text: string, spans: Span[], maxTokens: number): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    if (estimateTokens(text.slice(span[0], span[1])) <= maxTokens) {
      out.push(span);
      continue;
    }
    const word = /\S+/g;
    word.lastIndex = span[0];
    let pieceStart = -1;
    let pieceEnd = span[0];
    let tokens = 0;
    for (let m = word.exec(text); m && m.index < span[1]; m = word.exec(text)) {
      const wordEnd = Math.min(m.index + m[0].length, span[1]);
      const wordTokens = estimateTokens(text.slice(m.index, wordEnd));
      if (pieceStart !== -1 && tokens + wordTokens > maxTokens) {
        out.push([pieceStart, pieceEnd]);
        pieceStart = -1;
        tokens = 0;
      }
      if (pieceStart === -1) pieceStart = m.index;
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
