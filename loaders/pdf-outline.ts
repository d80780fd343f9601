// A PDF's outline (bookmarks) as headings: each entry's title, the titles above it, and the page and height it
// points to. A paragraph's section is the path of the last entry at or above where it starts.
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { collapse } from './extracted.ts';

export interface OutlineHeading {
  title: string;
  /** Titles from the outermost entry down to this one. */
  path: string[];
  /** 1-based page the entry points to. */
  page: number;
  /** Height on the page it points to (page units from the bottom); undefined for the top of the page. */
  top: number | undefined;
}

interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineItem[];
}

/** The outline's entries that point into the document, in reading order; none when it has no outline. */
export async function outlineHeadings(pdf: PDFDocumentProxy): Promise<OutlineHeading[]> {
  const outline = ((await pdf.getOutline()) ?? []) as OutlineItem[];
  const headings: OutlineHeading[] = [];
  const stack: Array<{ item: OutlineItem; parents: string[] }> = outline.map((item) => ({ item, parents: [] })).reverse();
  while (stack.length > 0) {
    const { item, parents } = stack.pop()!;
    const title = collapse(item.title ?? '');
    const path = title ? [...parents, title] : parents;
    const target = title ? await destination(pdf, item.dest) : undefined;
    if (target) headings.push({ title, path, ...target });
    stack.push(...(item.items ?? []).map((child) => ({ item: child, parents: path })).reverse());
  }
  const height = (h: OutlineHeading) => h.top ?? Number.MAX_VALUE;
  return headings.sort((a, b) => a.page - b.page || height(b) - height(a));
}

async function destination(pdf: PDFDocumentProxy, dest: OutlineItem['dest']): Promise<{ page: number; top: number | undefined } | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length < 2) return undefined;
    const [ref, kind] = explicit as [unknown, { name?: string } | undefined];
    const index = typeof ref === 'number' ? ref : await pdf.getPageIndex(ref as { num: number; gen: number });
    const args = explicit.slice(2) as Array<number | null>;
    const name = kind?.name;
    const top = name === 'XYZ' ? args[1] : name === 'FitH' || name === 'FitBH' ? args[0] : name === 'FitR' ? args[3] : undefined;
    return { page: index + 1, top: typeof top === 'number' ? top : undefined };
  } catch {
    return undefined; // an entry pointing nowhere is no heading
  }
}

/** The section path of text starting at height `y` on `page`. */
export function sectionAt(headings: OutlineHeading[], page: number, y: number): string[] {
  let path: string[] = [];
  for (const h of headings) {
    if (h.page > page || (h.page === page && h.top !== undefined && h.top + 2 < y)) break;
    path = h.path;
  }
  return path;
}
