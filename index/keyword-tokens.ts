// Each passage's words as ids into a table of (term, word) forms. A new passage is tokenised once; the store
// keeps every passage's ids (tokens-file.ts) so the next build reuses them instead of re-tokenising.
import type { Passage } from '../store/format.ts';
import { termWords } from '../language/terms.ts';
import type { StoredTokens } from '../store/tokens-file.ts';

export type PassageText = Pick<Passage, 'section' | 'display' | 'units'>;

/** One passage's words: segment 0 is its section path, then one segment per unit. */
export interface PassageTokens {
  /** Segment k is ids[bounds[k]] up to ids[bounds[k + 1]]. */
  bounds: Uint32Array;
  /** Form ids in text order. */
  ids: Uint32Array;
}

/** Distinct (term, word) pairs; a form's id is its index. */
export class FormTable {
  readonly terms: string[] = [];
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(terms: string[] = [], words: string[] = []) {
    terms.forEach((term, i) => this.idOf(term, words[i]!));
  }

  get size(): number {
    return this.terms.length;
  }

  idOf(term: string, word: string): number {
    const key = `${term}\0${word}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      this.ids.set(key, (id = this.terms.length));
      this.terms.push(term);
      this.words.push(word);
    }
    return id;
  }
}

export function tokenizePassage(p: PassageText, forms: FormTable): PassageTokens {
  const ids: number[] = [];
  const bounds: number[] = [0];
  for (const w of termWords(p.section.join(' \n '))) ids.push(forms.idOf(w.term, w.word));
  bounds.push(ids.length);
  for (const u of p.units) {
    for (const w of termWords(p.display.slice(u.displayStart, u.displayEnd))) ids.push(forms.idOf(w.term, w.word));
    bounds.push(ids.length);
  }
  return { bounds: Uint32Array.from(bounds), ids: Uint32Array.from(ids) };
}

/** The stored tokens of the passages (sentence counts tell where each passage's segments are). Throws if they don't fit. */
export function readTokens(stored: Pick<StoredTokens, 'terms' | 'words' | 'segments'>, passages: Array<{ units: unknown[] }>): { forms: FormTable; tokens: PassageTokens[] } {
  const segments = passages.reduce((n, p) => n + 1 + p.units.length, 0);
  const offsets = stored.segments.subarray(0, segments + 1);
  const ids = stored.segments.subarray(segments + 1);
  if (stored.terms.length !== stored.words.length || offsets.length !== segments + 1 || offsets[0] !== 0 || offsets[segments] !== ids.length) {
    throw new Error('the stored passage tokens do not match the passages');
  }
  for (let i = 1; i <= segments; i++) if (offsets[i]! < offsets[i - 1]!) throw new Error('the stored passage tokens are out of order');
  for (const id of ids) if (id >= stored.terms.length) throw new Error('a stored passage token has no form');
  const tokens: PassageTokens[] = [];
  let segment = 0;
  for (const p of passages) {
    tokens.push({ bounds: offsets.subarray(segment, segment + p.units.length + 2), ids });
    segment += 1 + p.units.length;
  }
  return { forms: new FormTable(stored.terms, stored.words), tokens };
}
