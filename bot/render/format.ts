import type { Location } from '../../retrieval/types.ts';
import { escapeFit } from './markdown.ts';

/** An embed's `timestamp` (shown in each reader's own time zone) for an ISO date; nothing when it is not one. */
export function builtAtTimestamp(iso: string): { timestamp?: string } {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? {} : { timestamp: date.toISOString() };
}

/** "paragraph 3, lines 4–6" (or "line 4"). */
export function placeText(location: Location): string {
  const lines =
    location.lineStart === location.lineEnd
      ? `line ${location.lineStart}`
      : `lines ${location.lineStart}–${location.lineEnd}`;
  return location.page !== undefined ? `page ${location.page}, ${lines}` : `paragraph ${location.paragraph}, ${lines}`;
}

/**
 * Where a quote stands, as one markdown line: "[1] **Title** (§ Section) · paragraph 3, lines 4–6", the place a
 * link to those lines when there is a `url`.
 */
export function citationLine(
  cited: { title: string; section?: string | undefined; location: Location },
  number?: number,
  url?: string,
): string {
  const label = number === undefined ? '' : `\`[${number}]\` `;
  const section = cited.section ? ` (§ ${escapeFit(cited.section, 80)})` : '';
  const place = url ? `[${placeText(cited.location)}](${url})` : placeText(cited.location);
  return `${label}**${escapeFit(cited.title, 150)}**${section} · ${place}`;
}

/** "plural(3, 'passage')" → "3 passages". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "840 bytes", "12.5 KB", "20 MB". */
export function sizeText(bytes: number): string {
  const fixed = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  return bytes < 1_000_000 ? `${fixed(bytes / 1000)} KB` : `${fixed(bytes / 1_000_000)} MB`;
}
