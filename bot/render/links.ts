import type { Citation, Location } from '../../retrieval/types.ts';

export const URL_PLACEHOLDERS = ['{path}', '{lineStart}', '{lineEnd}'] as const;

/** Longer links are left out (Discord's limit on a link is not documented; real ones are far shorter). */
const MAX_URL = 1000;

/** Characters that would end a markdown link early or break it, percent-encoded. */
function linkSafe(url: string): string {
  return url.replace(/[()\s<>]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A document's place from DOCUMENT_URL_TEMPLATE: `{path}` (each segment encoded), `{lineStart}`, `{lineEnd}`. */
export function templateUrl(template: string, source: string, location: Pick<Location, 'lineStart' | 'lineEnd'>): string {
  const path = source.split('/').map(encodeURIComponent).join('/');
  return template
    .replaceAll('{path}', path)
    .replaceAll('{lineStart}', String(location.lineStart))
    .replaceAll('{lineEnd}', String(location.lineEnd));
}

/**
 * Where a citation can be read: the web page its document came from (`url`), if it came from one, else its lines
 * through DOCUMENT_URL_TEMPLATE, else nothing. Only http(s) links, made safe for a markdown link.
 */
export function citationUrl(citation: Pick<Citation, 'source' | 'location' | 'url'>, template: string | undefined): string | undefined {
  const page = citation.url; // documents added from a web page
  let url: URL;
  try {
    // (encodeURIComponent throws on a lone surrogate in a path: no link then.)
    const raw = page !== undefined ? page : template === undefined ? undefined : templateUrl(template, citation.source, citation.location);
    if (raw === undefined) return undefined;
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const safe = linkSafe(url.href);
  return (url.protocol === 'https:' || url.protocol === 'http:') && safe.length <= MAX_URL ? safe : undefined;
}
