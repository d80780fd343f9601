// The name a fetched file or an attachment gets when the moderator gives none: its own name, with the extension
// its declared type has when the name has none of the document extensions (a page at /rules served as HTML is
// rules.html). Which formats can be read is the indexer's business; this only names the file.

const BY_TYPE: Record<string, string> = {
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/x-markdown': '.md',
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};
const DOCUMENT_EXTENSION = /\.(txt|md|markdown|html?|pdf|docx)$/iu;

/** `base` with the extension its content type stands for, unless it already ends with a document extension. */
export function withTypeExtension(base: string, contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const extension = BY_TYPE[type];
  if (!extension || DOCUMENT_EXTENSION.test(base)) return base;
  return `${base}${extension}`;
}

/** The file name a URL's path ends with, decoded ("/docs/Read%20me.md" -> "Read me.md"), else its host name. */
export function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  if (!last) return url.hostname;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The file name in a Content-Disposition header (`filename*=UTF-8''…` preferred over `filename="…"`), if any. */
export function nameFromDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:utf-8|UTF-8)''([^;]+)/u.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/u.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/gu, '$1') ?? plain?.[2];
  return value || undefined;
}
