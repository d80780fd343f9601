import { createHash } from 'node:crypto';
import type { DocumentInfo } from '../../retrieval/engine-types.ts';
import { LIMITS, type Choice } from './limits.ts';
import { truncate } from './truncate.ts';

/** The value a document's autocomplete choice carries: its source path, or a short hash when that is too long. */
export function documentValue(source: string): string {
  const plain = source.length > 0 && source === source.trim() && !source.startsWith('#');
  if (plain && source.length <= LIMITS.choiceValue) return source;
  return `#${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
}

/** The document a `document:` option names: a choice's value, or (typed by hand) a source path or title. */
export function resolveDocument(documents: readonly DocumentInfo[], value: string): DocumentInfo | undefined {
  const wanted = value.trim();
  const lower = wanted.toLowerCase();
  return (
    documents.find((doc) => documentValue(doc.source) === value) ??
    documents.find((doc) => doc.source === value || doc.source === wanted) ??
    documents.find((doc) => doc.source.toLowerCase() === lower || doc.title.toLowerCase() === lower)
  );
}

/** Up to 25 documents matching what the user typed (title or path), best matches first. */
export function documentChoices(documents: readonly DocumentInfo[], typed: string): Choice[] {
  const query = typed.trim().toLowerCase();
  const rank = (doc: DocumentInfo): number => {
    const title = doc.title.toLowerCase();
    const source = doc.source.toLowerCase();
    if (!query) return 2;
    if (title.startsWith(query) || source.startsWith(query)) return 0;
    if (title.includes(query) || source.includes(query)) return 1;
    return -1;
  };
  return documents
    .map((doc) => ({ doc, rank: rank(doc) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.doc.title.localeCompare(b.doc.title))
    .slice(0, LIMITS.choices)
    .map(({ doc }) => ({ name: choiceName(doc), value: documentValue(doc.source) }));
}

function choiceName(doc: DocumentInfo): string {
  const title = doc.title.replace(/\s+/gu, ' ').trim() || doc.source;
  const name = title === doc.source ? title : `${title} (${doc.source})`;
  return truncate(name, LIMITS.choiceName) || '(untitled)';
}
