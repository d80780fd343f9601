import type { Location } from '../../retrieval/types.ts';
import { escapeFit } from './markdown.ts';

/** "2025-11-26 22:40 UTC" from an ISO date; the raw text (cut) when it is not one. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso.slice(0, 40);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "paragraph 3, lines 4–6" (or "line 4"). */
export function placeText(location: Location): string {
  const lines =
    location.lineStart === location.lineEnd
      ? `line ${location.lineStart}`
      : `lines ${location.lineStart}–${location.lineEnd}`;
  return `paragraph ${location.paragraph}, ${lines}`;
}

/** Where a quote stands, as one markdown line: "[1] **Title** (§ Section) · paragraph 3, lines 4–6". */
export function citationLine(
  cited: { title: string; section?: string | undefined; location: Location },
  number?: number,
): string {
  const label = number === undefined ? '' : `\`[${number}]\` `;
  const section = cited.section ? ` (§ ${escapeFit(cited.section, 80)})` : '';
  return `${label}**${escapeFit(cited.title, 150)}**${section} · ${placeText(cited.location)}`;
}

/** "plural(3, 'passage')" → "3 passages". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
