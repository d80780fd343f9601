/** Cuts `text` to at most `max` UTF-16 units, at a word boundary when one is near, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(0, max - 1);
  const lastSpace = cut.search(/\s\S*$/u);
  if (lastSpace > (max - 1) / 2) cut = cut.slice(0, lastSpace);
  if (/[\uD800-\uDBFF]$/u.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Like `truncate` but keeps the end of `text`, marking the cut at the start with "…". */
export function truncateStart(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(text.length - (max - 1));
  const firstSpace = cut.search(/\s/u);
  if (firstSpace >= 0 && firstSpace < (max - 1) / 2) cut = cut.slice(firstSpace);
  if (/^[\uDC00-\uDFFF]/u.test(cut)) cut = cut.slice(1);
  return `…${cut.trimStart()}`;
}
