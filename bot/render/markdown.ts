import { escapeMarkdown } from 'discord.js';
import type { QuoteCut } from './quote.ts';
import { truncate, truncateStart } from './truncate.ts';

const INLINE = { heading: false, bulletedList: false, numberedList: false, maskedLink: false } as const;
const LINE_STARTS = {
  codeBlock: false,
  inlineCode: false,
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  spoiler: false,
  escape: false,
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: false,
} as const;
const PIECE = 128;
const MARKUP = new Set(['*', '_', '~', '|', '`']);

/** May `text` be cut before index `i` without splitting a surrogate pair or a run like `~~` that means markup? */
function canCutAt(text: string, i: number): boolean {
  const before = text[i - 1] ?? '';
  const after = text[i] ?? '';
  if (/[\uDC00-\uDFFF]/u.test(after) && /[\uD800-\uDBFF]/u.test(before)) return false;
  return !(before === after && MARKUP.has(after));
}

/** Pieces of at most ~PIECE characters, so that escapeMarkdown's look-behinds stay cheap on long text. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + PIECE, text.length);
    while (end < text.length && end > start + 1 && !canCutAt(text, end)) end -= 1;
    if (end === start + 1 && end < text.length) {
      end = start + PIECE;
      while (end < text.length && !canCutAt(text, end)) end += 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function escapePieces(text: string): string {
  return pieces(text)
    .map((piece) => escapeMarkdown(piece, INLINE))
    .join('');
}

/**
 * Document text made inert for Discord markdown: discord.js `escapeMarkdown` for bold/italic/underline/code/
 * spoiler/strike (run on short pieces: its look-behinds are quadratic on long text) and for headings and lists;
 * then every `[` (no masked links: discord.js escapes only the first of a line), and block quotes (`>`) and
 * subtext (`-#`) at line starts, which it leaves alone.
 */
export function escapeText(text: string): string {
  // Runs of three or more of one markup character are escaped here, character by character (escapeMarkdown is
  // slow on them and they cannot be cut); the text between them goes through escapeMarkdown in short pieces.
  let inline = '';
  let from = 0;
  for (const run of text.matchAll(/([*_~|`])\1{2,}/gu)) {
    inline += escapePieces(text.slice(from, run.index)) + run[0].replace(/./gu, '\\$&');
    from = run.index + run[0].length;
  }
  inline += escapePieces(text.slice(from));
  return escapeMarkdown(inline, LINE_STARTS)
    .replaceAll('[', '\\[')
    .replace(/^(\s*)(>|-#)/gmu, '$1\\$2');
}

/** `escapeText(text)` cut (at a word boundary, marked "…") so that the escaped result is at most `max` long. */
export function escapeFit(text: string, max: number, keep: 'start' | 'end' = 'start'): string {
  const cutter = keep === 'start' ? truncate : truncateStart;
  let budget = Math.min(text.length, max);
  for (;;) {
    const escaped = escapeText(cutter(text, budget));
    if (escaped.length <= max || budget <= 0) return escaped.length <= max ? escaped : '';
    budget = Math.min(budget - 1, Math.floor((budget * max) / escaped.length));
  }
}

/** Whitespace runs that hold a line break become one space: quotes render as one block-quote line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/gu, ' ').trim();
}

/**
 * A quote as a Discord block quote of at most `max` characters: escaped, cut to fit if longer, and with "…" at each
 * end where it stops short of its sentence (`cut`) or was cut to fit.
 */
export function blockQuote(quote: string, max: number, cut: QuoteCut = { before: false, after: false }): string {
  const open = cut.before ? '…' : '';
  const fitted = escapeFit(oneLine(quote), max - 2 - open.length - (cut.after ? 1 : 0));
  const close = cut.after && !fitted.endsWith('…') ? '…' : '';
  return `> ${open}${fitted}${close}`;
}

/**
 * Code as a fenced Discord code block of at most `max` characters, line breaks and indentation kept; cut at a line
 * end with a "…" line when it is longer. A fence inside the code is broken with a zero-width space so it can't end
 * the block early.
 */
export function codeBlock(code: string, language: string | undefined, max: number): string {
  const lang = language && /^[\w+#.-]{1,20}$/u.test(language) ? language : '';
  const open = `\`\`\`${lang}\n`;
  const close = '\n```';
  const body = code.replace(/```/gu, '`\u200b``');
  const room = max - open.length - close.length;
  if (room <= 0) return '';
  if (body.length <= room) return `${open}${body}${close}`;
  const cut = body.slice(0, Math.max(0, room - 2));
  const lineEnd = cut.lastIndexOf('\n');
  return `${open}${lineEnd > 0 ? cut.slice(0, lineEnd) : cut}\n…${close}`;
}
