// A PDF page's text pieces, as PDF.js gives them (strings placed at points), made into lines and paragraphs.
// PDF has no paragraphs: a line starts a new one after a gap clearly wider than the document's line spacing, at a
// change of font size (a heading), after a move up the page (a new column), or when it starts with a list bullet.

export interface PdfTextItem {
  str: string;
  /** [a, b, c, d, x, y]: scale and position of the text. */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PdfLine {
  text: string;
  /** Baseline, in page units from the bottom. */
  y: number;
  /** Font size. */
  size: number;
}

export function pageLines(items: PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: (PdfLine & { endX: number }) | undefined;
  let broken = true;
  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || item.height || 1;
    const sameLine = current !== undefined && !broken && Math.abs(y - current.y) <= 0.5 * Math.max(size, current.size);
    if (!sameLine) {
      if (current?.text.trim()) lines.push(current);
      current = { text: '', y, size, endX: x };
    }
    const line = current!;
    if (item.str) {
      // Pieces placed apart without a space between them are separate words.
      const apart = x - line.endX > 0.15 * size;
      if (apart && line.text && !/\s$/.test(line.text) && !/^\s/.test(item.str)) line.text += ' ';
      line.text += item.str;
      line.endX = x + item.width;
      line.size = Math.max(line.size, size);
    }
    broken = item.hasEOL;
  }
  if (current?.text.trim()) lines.push(current);
  return lines.map(({ text, y, size }) => ({ text, y, size }));
}

const BULLET = /^\s*(?:[•◦▪‣∙●○■□–—*-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s/;

/**
 * The distance from one line to the next inside a paragraph: the lower quartile of the drops between lines, since
 * paragraph gaps are the wider ones and a document of short paragraphs has nearly as many of those.
 */
export function lineSpacing(pages: PdfLine[][]): number | undefined {
  const drops: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const drop = lines[i - 1]!.y - lines[i]!.y;
      if (drop > 0 && drop < 3 * lines[i]!.size) drops.push(drop);
    }
  }
  if (drops.length === 0) return undefined;
  drops.sort((a, b) => a - b);
  return drops[Math.floor((drops.length - 1) / 4)];
}

export function paragraphs(lines: PdfLine[], spacing: number | undefined): PdfLine[][] {
  const out: PdfLine[][] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    const drop = previous ? previous.y - line.y : 0;
    const newParagraph =
      !previous ||
      Math.abs(line.size - previous.size) > 0.2 * previous.size ||
      drop <= 0 ||
      drop > (spacing !== undefined ? 1.3 * spacing : 2 * line.size) ||
      BULLET.test(line.text);
    if (newParagraph) out.push([line]);
    else out[out.length - 1]!.push(line);
  });
  return out;
}
