// Plain text: paragraphs are blank-line separated blocks, or single lines when the file has no blank lines;
// a file with no line breaks at all (a transcript) is one block that splits by sentence.
import { decodeText } from './decode-text.ts';
import { DisplayBuilder } from './display.ts';
import type { Block, Loader, LoadedDocument } from './types.ts';

export const textLoader = {
  format: 'text',
  extensions: ['.txt'],
  extracted: false,
  load(bytes: Uint8Array, fileTitle: string): LoadedDocument {
    const text = decodeText(bytes);
    return { title: fileTitle, text, blocks: paragraphs(text).map(([start, end]) => proseBlock(text, start, end, [])) };
  },
} satisfies Loader;

export function proseBlock(text: string, start: number, end: number, section: string[]): Block {
  const display = new DisplayBuilder();
  display.source(text.slice(start, end), start);
  return { kind: 'prose', start, end, section, display: display.build() };
}

/** [start, end) of each paragraph, trimmed. */
export function paragraphs(text: string): Array<[number, number]> {
  const blankLines = /\n[ \t]*\r?\n/.test(text);
  const out: Array<[number, number]> = [];
  let current: [number, number] | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const trimmedStart = lineStart + (line.length - line.trimStart().length);
    const trimmedEnd = lineStart + line.trimEnd().length;
    if (trimmedEnd <= trimmedStart) {
      if (current) out.push(current);
      current = undefined;
    } else if (current && blankLines) {
      current[1] = trimmedEnd;
    } else {
      if (current) out.push(current);
      current = [trimmedStart, trimmedEnd];
    }
    lineStart = lineEnd + 1;
  }
  if (current) out.push(current);
  return out;
}
