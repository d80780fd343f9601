// Checks on what a loader made of a generated document: blocks slice the extracted text, and each stands where
// the generator put its text.
import { expect } from 'vitest';
import { sourceEnd, sourceStart } from '../../loaders/display.ts';
import type { LoadedDocument } from '../../loaders/types.ts';
import { keysIn, type Placement } from './generated-documents.ts';

/** The 1-based page of an offset in a PDF's extracted text: pages are separated by form feeds. */
export const pageAt = (text: string, offset: number) => text.slice(0, offset).split('\f').length;

/** Every block is a trimmed span of the text, its display maps back inside it, and a PDF block is on its page. */
export function expectExact(doc: LoadedDocument): void {
  for (const b of doc.blocks) {
    expect(b.start).toBeLessThan(b.end);
    expect(doc.text.slice(b.start, b.end).trim()).toBe(doc.text.slice(b.start, b.end));
    const s = sourceStart(b.display, 0);
    const e = sourceEnd(b.display, b.display.text.length);
    expect(b.start <= s && s < e && e <= b.end, JSON.stringify(b)).toBe(true);
    if (b.page !== undefined) expect(pageAt(doc.text, b.start)).toBe(b.page);
  }
}

/** Every key the generator placed is in some block, with its section (and page, for a PDF). */
export function expectPlaced(doc: LoadedDocument, placements: Map<string, Placement>): void {
  const seen = new Set<string>();
  for (const b of doc.blocks) {
    for (const key of keysIn(b.display.text)) {
      seen.add(key);
      expect({ key, section: b.section, page: b.page }).toEqual({ key, page: undefined, ...placements.get(key) });
    }
  }
  expect([...placements.keys()].filter((k) => !seen.has(k))).toEqual([]);
}
