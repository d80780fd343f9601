// Display text: what people read of a stretch of source, with each character's source offset, so a span of
// display text can be cited as the exact source span it came from.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/** How much markup (emphasis, backticks, link brackets, line prefixes) may stand between two characters of text. */
const SKIPPABLE = 64;

/** The character reference at source[i] ("&amp;", "&#39;", "&#x2014;"), decoded, or undefined. */
function entityAt(source: string, i: number, to: number): { text: string; length: number } | undefined {
  const m = /^&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{0,31}));/.exec(source.slice(i, Math.min(to, i + 40)));
  if (!m) return undefined;
  let text: string | false;
  if (m[3]) text = decodeNamedCharacterReference(m[3]);
  else {
    const code = m[1] ? Number(m[1]) : parseInt(m[2]!, 16);
    text = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  }
  return text ? { text, length: m[0].length } : undefined;
}

export interface DisplayText {
  text: string;
  /** Runs [displayStart, sourceStart, length]: display characters displayStart.. come from sourceStart.. */
  runs: number[];
}

/** Builds display text piece by piece, collapsing whitespace to single spaces. */
export class DisplayBuilder {
  private text = '';
  private readonly runs: number[] = [];
  private pendingSpace = false;

  /** Appends source text found at `sourceStart` (whitespace collapsed). */
  source(value: string, sourceStart: number): void {
    for (const m of value.matchAll(/\S+|\s+/g)) {
      if (/^\s/.test(m[0])) this.space();
      else this.put(m[0], sourceStart + m.index, true);
    }
  }

  /**
   * Appends text that stands for a source span without being a copy of it (a link's target name, a decoded
   * entity): all of it maps to the start of the span, and its end to the span's end.
   */
  stand(value: string, sourceStart: number, sourceEnd: number): void {
    if (/^\s/.test(value)) this.space();
    const words = value.split(/\s+/).filter(Boolean);
    words.forEach((word, i) => {
      if (i > 0) this.space();
      this.put(word, sourceStart, false, i === words.length - 1 ? sourceEnd : undefined);
    });
    if (/\s$/.test(value)) this.space();
  }

  /**
   * Appends `value`, the parser's decoded text of source[from, to): walks both together, so a backslash escape maps
   * to the character it escapes, an entity ("&amp;") stands for its whole span, and markup or line prefixes the
   * parser dropped are stepped over. Never looks past `to`, so it stays linear and never borrows a later copy.
   */
  aligned(value: string, source: string, from: number, to: number): void {
    let at = from;
    const chars = [...value];
    for (let k = 0; k < chars.length; k++) {
      const ch = chars[k]!;
      if (/\s/.test(ch)) {
        this.space();
        if (/\s/.test(chars[k + 1] ?? 'x')) continue;
        // Step over the white space (or a white-space entity such as "&nbsp;") it stands for.
        for (;;) {
          if (at < to && /\s/.test(source[at]!)) at++;
          else if (source[at] === '&' && /^\s+$/u.test(entityAt(source, at, to)?.text ?? 'x')) at += entityAt(source, at, to)!.length;
          else break;
        }
        continue;
      }
      const found = this.locate(ch, source, at, to);
      if (found.kind === 'char') {
        this.put(ch, found.at, true);
        at = found.at + ch.length;
      } else if (found.kind === 'entity') {
        // The entity's text may be several characters of the value: all stand for its span.
        let decoded = found.text;
        let piece = '';
        while (k < chars.length && decoded.startsWith(chars[k]!)) {
          piece += chars[k];
          decoded = decoded.slice(chars[k]!.length);
          k++;
        }
        k--;
        this.stand(piece || ch, found.at, found.end);
        at = found.end;
      } else {
        this.put(ch, Math.min(at, to), false);
      }
    }
  }

  /** Where `ch` stands in source[at, to): the next character, after an escape, as an entity, or past a little markup. */
  private locate(ch: string, source: string, at: number, to: number): { kind: 'char'; at: number } | { kind: 'entity'; at: number; end: number; text: string } | { kind: 'none' } {
    const limit = Math.min(to, at + SKIPPABLE);
    for (let i = at; i < limit; i++) {
      if (source[i] === '&') {
        const entity = entityAt(source, i, to);
        if (entity && entity.text.startsWith(ch)) return { kind: 'entity', at: i, end: i + entity.length, text: entity.text };
      }
      if (source.startsWith(ch, i)) return { kind: 'char', at: i };
      if (source[i] === '\\' && source.startsWith(ch, i + 1)) return { kind: 'char', at: i + 1 };
      // Only markup and white space may stand between: never a letter, digit or other text of the source.
      if (/[\p{L}\p{N}]/u.test(source[i]!)) break;
    }
    return { kind: 'none' };
  }

  space(): void {
    if (this.text.length > 0) this.pendingSpace = true;
  }

  private put(value: string, sourceStart: number, exact: boolean, sourceEnd?: number): void {
    if (this.pendingSpace) {
      this.text += ' ';
      this.pendingSpace = false;
      // The space belongs to whatever precedes this word in the source.
      this.addRun(this.text.length - 1, Math.max(0, sourceStart - 1), 1, false);
    }
    const at = this.text.length;
    this.text += value;
    if (exact) this.addRun(at, sourceStart, value.length, true);
    else {
      this.addRun(at, sourceStart, 1, false);
      for (let i = 1; i < value.length; i++) this.addRun(at + i, sourceStart, 1, false);
      if (sourceEnd !== undefined) this.ends.set(at + value.length, sourceEnd);
    }
  }

  /** Display offsets whose source end is not the last character's offset + 1. */
  private readonly ends = new Map<number, number>();

  private addRun(displayStart: number, sourceStart: number, length: number, _exact: boolean): void {
    const n = this.runs.length;
    if (n >= 3) {
      const [d, s, l] = [this.runs[n - 3]!, this.runs[n - 2]!, this.runs[n - 1]!];
      if (d + l === displayStart && s + l === sourceStart) {
        this.runs[n - 1] = l + length;
        return;
      }
    }
    this.runs.push(displayStart, sourceStart, length);
  }

  build(): DisplayText {
    const runs = [...this.runs];
    // A stand-in's end maps to its span's end: a run of length 0 at that display offset records it.
    for (const [displayEnd, sourceEnd] of this.ends) runs.push(displayEnd, sourceEnd, 0);
    return { text: this.text, runs: sortRuns(runs) };
  }
}

function sortRuns(runs: number[]): number[] {
  const triples: Array<[number, number, number]> = [];
  for (let i = 0; i < runs.length; i += 3) triples.push([runs[i]!, runs[i + 1]!, runs[i + 2]!]);
  triples.sort((a, b) => a[0] - b[0] || b[2] - a[2]);
  return triples.flat();
}

/** Source offset of the display character at `at` (for a span's start). */
export function sourceStart(display: DisplayText, at: number): number {
  const { runs } = display;
  let best = runs[1] ?? 0;
  for (let i = 0; i < runs.length; i += 3) {
    const [d, s, l] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    if (d > at) break;
    if (l > 0 && at < d + l) return s + (at - d);
    if (l > 0) best = s + l - 1;
  }
  return best;
}

/** Source offset just after the display character before `end` (for a span's end). */
export function sourceEnd(display: DisplayText, end: number): number {
  const { runs } = display;
  let result: number | undefined;
  for (let i = 0; i < runs.length; i += 3) {
    const [d, s, l] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    if (d > end) break;
    if (l === 0 && d === end) return s; // a stand-in ends where its span ends
    if (l > 0 && end > d && end <= d + l) result = s + (end - d);
  }
  return result ?? sourceStart(display, Math.max(0, end - 1)) + 1;
}
