// The text of a document that is not plain text (PDF, Word, a web page), written out block by block: this text
// is what quotes are sliced from and what the index keeps, so each block's span and display map are exact by
// construction. Blocks are separated by a blank line, pages by a form feed on a line of its own.
import { DisplayBuilder } from './display.ts';
import type { Block, LoadedDocument } from './types.ts';

export interface Placement {
  section: string[];
  page?: number;
}

export class ExtractedText {
  private text = '';
  private readonly blocks: Block[] = [];

  /**
   * A line written out so the text reads whole, but no block: a heading (the section path of the blocks below
   * it), a table's header row.
   */
  line(value: string): void {
    const line = collapse(value);
    if (line) this.append(line);
  }

  /**
   * A paragraph, from its lines as laid out (PDF) or as one line (HTML). Shown as one line; a word broken over
   * two lines with a hyphen ("infor-" / "mation") is shown whole.
   */
  prose(lines: string[], at: Placement): void {
    const kept = lines.map(collapse).filter(Boolean);
    if (kept.length === 0) return;
    const start = this.append(kept.join('\n'));
    const display = new DisplayBuilder();
    let offset = start;
    kept.forEach((line, i) => {
      const next = kept[i + 1];
      const joined = next !== undefined && /\p{L}\p{Ll}-$/u.test(line) && /^\p{Ll}/u.test(next);
      display.source(joined ? line.slice(0, -1) : line, offset);
      if (!joined) display.space();
      offset += line.length + 1;
    });
    this.push({ kind: 'prose', start, end: this.text.length, display: display.build() }, at);
  }

  /** Preformatted text, kept and shown as it is (trailing blank lines dropped). */
  code(value: string, at: Placement, language?: string): void {
    const code = value.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
    if (!code.trim()) return;
    const start = this.append(code);
    const display = { text: code, runs: [0, start, code.length] };
    this.push({ kind: 'code', start, end: this.text.length, display, ...(language ? { language } : {}) }, at);
  }

  /** A table row, written as "cell | cell" and shown as "Header: cell · Header: cell"; its span is its filled cells. */
  row(cells: string[], headers: string[], at: Placement): void {
    const values = cells.map(collapse);
    if (values.every((v) => v === '')) return;
    let offset = this.append(values.join(' | '));
    const display = new DisplayBuilder();
    const spans: Array<[number, number]> = [];
    values.forEach((value, i) => {
      if (value !== '') {
        if (spans.length > 0) display.stand(' · ', offset, offset);
        const header = collapse(headers[i] ?? '');
        if (header) display.stand(`${header}:`, offset, offset);
        display.space();
        display.source(value, offset);
        display.space();
        spans.push([offset, offset + value.length]);
      }
      offset += value.length + 3;
    });
    this.push({ kind: 'row', start: spans[0]![0], end: spans[spans.length - 1]![1], display: display.build() }, at);
  }

  /** Starts a new page: what follows is on it. */
  pageBreak(): void {
    if (this.text) this.text += '\n\f';
  }

  /** True once some block has been written. */
  get hasBlocks(): boolean {
    return this.blocks.length > 0;
  }

  document(title: string): LoadedDocument {
    return { title, text: this.text, blocks: this.blocks };
  }

  private append(value: string): number {
    if (this.text) this.text += '\n\n';
    const start = this.text.length;
    this.text += value;
    return start;
  }

  private push(block: Omit<Block, 'section' | 'page'>, at: Placement): void {
    this.blocks.push({ ...block, section: at.section, ...(at.page !== undefined && { page: at.page }) });
  }
}

/** White space collapsed to single spaces, trimmed. */
export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
