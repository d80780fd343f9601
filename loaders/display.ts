// Display text: what people read of a stretch of source, with each character's source offset, so a span of
// display text can be cited as the exact source span it came from.

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

  /** Appends `value` found in `source` from `from` on: each character is looked up in order, skipping escapes. */
  aligned(value: string, source: string, from: number, to: number): void {
    let at = from;
    for (const m of value.matchAll(/\S+|\s+/g)) {
      if (/^\s/.test(m[0])) {
        this.space();
        continue;
      }
      const word = m[0];
      const found = source.indexOf(word, at);
      if (found !== -1 && found + word.length <= to) {
        this.put(word, found, true);
        at = found + word.length;
        continue;
      }
      // Escapes or entities inside the word: character by character.
      for (const ch of word) {
        const i = source.indexOf(ch, at);
        if (i !== -1 && i < to) {
          this.put(ch, i, true);
          at = i + ch.length;
        } else {
          this.put(ch, Math.min(at, to), false);
        }
      }
    }
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
