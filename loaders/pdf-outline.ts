// A PDF's outline (bookmarks) as headings: a paragraph's section is the path of the last entry at or above
// where it starts. pdf-worker.mjs reads the entries.

export interface OutlineHeading {
  title: string;
  /** Titles from the outermost entry down to this one. */
  path: string[];
  /** 1-based page the entry points to. */
  page: number;
  /** Height on the page it points to (page units from the bottom); null for the top of the page. */
  top: number | null;
}

/** The entries in reading order: by page, then from the top of the page down. */
export function inReadingOrder(headings: OutlineHeading[]): OutlineHeading[] {
  const height = (h: OutlineHeading) => h.top ?? Number.MAX_VALUE;
  return [...headings].sort((a, b) => a.page - b.page || height(b) - height(a));
}

/** The section path of text starting at height `y` on `page`, given the entries in reading order. */
export function sectionAt(headings: OutlineHeading[], page: number, y: number): string[] {
  let path: string[] = [];
  for (const h of headings) {
    if (h.page > page || (h.page === page && h.top !== null && h.top + 2 < y)) break;
    path = h.path;
  }
  return path;
}
