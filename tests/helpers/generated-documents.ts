// PDF, Word and HTML documents written by code (pdf-lib, docx, strings), each sentence, list item and table row
// holding a unique name (its key), with where it stands: its section path and, in a PDF, its page. Tests check
// that what the loaders and the index make of them is cut and placed right.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { PDFDocument, PDFHexString, PDFName, StandardFonts, type PDFPage, type PDFRef } from 'pdf-lib';
import { deflatedRun, readZip, writeZip } from './zip-writer.ts';

export interface SectionSpec {
  heading: string;
  /** 1: a chapter; 2: a section inside the chapter before it. */
  level: 1 | 2;
  paragraphs: string[][];
  bullets?: string[];
  table?: { header: string[]; rows: string[][] };
}

export interface DocumentSpec {
  title: string;
  /** Paragraphs before the first heading. */
  intro: string[][];
  sections: SectionSpec[];
}

/** Where the text holding a key stands. */
export interface Placement {
  section: string[];
  /** PDF only. */
  page?: number;
}

export interface Generated {
  bytes: Uint8Array;
  /** key -> where it stands */
  placements: Map<string, Placement>;
}

const SYLLABLES = ['bel', 'cor', 'dun', 'fal', 'gar', 'hol', 'kes', 'lun', 'mor', 'nar', 'pel', 'quin', 'ros', 'sal', 'tor', 'val', 'wen', 'yar', 'zel', 'brim'];
const TEMPLATES = [
  (k: string) => `The ${k} council approved the harbour budget after a long debate.`,
  (k: string) => `Boats moored at ${k} pay their fees at the end of each month.`,
  (k: string) => `The ferry to ${k} leaves twice a day in summer and once in winter.`,
  (k: string) => `Members of the ${k} guild elect a new warden every two years.`,
  (k: string) => `Visitors to ${k} must register at the harbour office before noon.`,
  (k: string) => `The lighthouse at ${k} was painted red and white during the last restoration.`,
  (k: string) => `Fishing near ${k} is forbidden while the seals raise their young.`,
];

/** Unique names (Belcorton...), three syllables each: 8,000 of them. */
export class Keys {
  private next: number;
  readonly all: string[] = [];
  constructor(start = 0) {
    this.next = start;
  }
  key(): string {
    const i = this.next++;
    const [a, b, c] = [SYLLABLES[i % 20]!, SYLLABLES[Math.floor(i / 20) % 20]!, SYLLABLES[Math.floor(i / 400) % 20]!];
    const name = `${a[0]!.toUpperCase()}${a.slice(1)}${b}${c}ton`;
    this.all.push(name);
    return name;
  }
  sentence(): string {
    const k = this.key();
    return TEMPLATES[this.all.length % TEMPLATES.length]!(k);
  }
  paragraph(sentences: number): string[] {
    return Array.from({ length: sentences }, () => this.sentence());
  }
}

/** The keys named in a piece of text. */
export function keysIn(text: string): string[] {
  return [...text.matchAll(/\b[A-Z][a-z]+ton\b/g)].map((m) => m[0]);
}

/** A document of `chapters` chapters, each with a section, paragraphs, a list and (in the first) a table. */
export function documentSpec(keys: Keys, title: string, chapters: number, paragraphsPerSection = 2): DocumentSpec {
  const sections: SectionSpec[] = [];
  for (let c = 1; c <= chapters; c++) {
    const chapter = `Chapter ${c}: ${keys.key()} matters`;
    sections.push({
      heading: chapter,
      level: 1,
      paragraphs: Array.from({ length: paragraphsPerSection }, () => keys.paragraph(3)),
      ...(c === 1 && { table: { header: ['Harbour', 'Fee'], rows: [[keys.key(), '10 euros'], [keys.key(), '12 euros']] } }),
    });
    sections.push({
      heading: `Rules of ${keys.key()}`,
      level: 2,
      paragraphs: Array.from({ length: paragraphsPerSection }, () => keys.paragraph(2)),
      bullets: [`Moor at ${keys.key()} only with a permit.`, `Report damage at ${keys.key()} within a day.`],
    });
  }
  return { title, intro: [keys.paragraph(2)], sections };
}

/** Section paths of each key in the spec (the title is no section). */
function sectionPlacements(spec: DocumentSpec): Map<string, Placement> {
  const out = new Map<string, Placement>();
  const put = (text: string, section: string[]) => keysIn(text).forEach((k) => out.set(k, { section }));
  spec.intro.flat().forEach((s) => put(s, []));
  let chapter = '';
  for (const s of spec.sections) {
    if (s.level === 1) chapter = s.heading;
    const section = s.level === 1 ? [s.heading] : [chapter, s.heading];
    s.paragraphs.flat().forEach((t) => put(t, section));
    s.bullets?.forEach((t) => put(t, section));
    s.table?.rows.forEach((row) => put(row.join(' '), section));
  }
  return out;
}

// --- HTML ---------------------------------------------------------------------------------------------------

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Words that stand only in a page's navigation, scripts, styles, asides and footers: no passage may hold them. */
export const FURNITURE_WORDS = ['Navquill', 'Scriptwort', 'Stylefern', 'Asidemoss', 'Footbramble', 'Cookiewhin'];

export function htmlOf(spec: DocumentSpec): Generated {
  const [nav, script, style, aside, footer, cookie] = FURNITURE_WORDS;
  const parts = [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(spec.title)}</title>`,
    `<style>body::before { content: "${style}"; }</style><script>document.title = "${script}";</script></head><body>`,
    `<header class="site-header"><a href="/">Home</a><nav><ul><li><a href="/a">${nav} guide</a></li></ul></nav></header>`,
    `<div class="cookie-banner">${cookie} cookies are used here.</div>`,
    `<main><h1>${escapeHtml(spec.title)}</h1>`,
    ...spec.intro.map((p) => `<p>${escapeHtml(p.join(' '))}</p>`),
  ];
  for (const s of spec.sections) {
    const tag = s.level === 1 ? 'h2' : 'h3';
    parts.push(`<section><${tag} id="x">${escapeHtml(s.heading)}</${tag}>`);
    // Inline markup and a line wrapped in the source must read as plain text.
    for (const p of s.paragraphs) parts.push(`<p>${p.map((t, i) => (i === 1 ? `<em>${escapeHtml(t)}</em>` : escapeHtml(t))).join('\n   ')}</p>`);
    if (s.bullets) parts.push(`<ul>${s.bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>`);
    if (s.table) {
      const row = (cells: string[], cell: string) => `<tr>${cells.map((c) => `<${cell}>${escapeHtml(c)}</${cell}>`).join('')}</tr>`;
      parts.push(`<table><thead>${row(s.table.header, 'th')}</thead><tbody>${s.table.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`);
    }
    parts.push('</section>');
  }
  parts.push(`</main><aside><p>${aside} related reading.</p></aside><footer><p>${footer} © 2026</p></footer><script>var x = "${script}";</script></body></html>`);
  return { bytes: Buffer.from(parts.join('\n')), placements: sectionPlacements(spec) };
}

// --- Word ---------------------------------------------------------------------------------------------------

export async function docxOf(spec: DocumentSpec): Promise<Generated> {
  const children: Array<Paragraph | Table> = [new Paragraph({ text: spec.title, heading: HeadingLevel.TITLE })];
  for (const p of spec.intro) children.push(new Paragraph(p.join(' ')));
  for (const s of spec.sections) {
    children.push(new Paragraph({ text: s.heading, heading: s.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 }));
    for (const p of s.paragraphs) children.push(new Paragraph(p.join(' ')));
    for (const b of s.bullets ?? []) children.push(new Paragraph({ text: b, bullet: { level: 0 } }));
    if (s.table) {
      const row = (cells: string[], header: boolean) =>
        new TableRow({ tableHeader: header, children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
      children.push(new Table({ rows: [row(s.table.header, true), ...s.table.rows.map((r) => row(r, false))] }));
    }
  }
  const doc = new Document({ title: 'Properties title', sections: [{ children }] });
  return { bytes: await Packer.toBuffer(doc), placements: sectionPlacements(spec) };
}

// --- PDF ----------------------------------------------------------------------------------------------------

const PAGE = { width: 595, height: 842, margin: 56 };
const BODY = 11;
const LEADING = 14;

export interface PdfOptions {
  /** Bookmarks for the chapters and sections (else the PDF has no outline, and no sections). */
  outline?: boolean;
  /** The document information title. */
  infoTitle?: boolean;
}

/** Laid out by hand: word-wrapped lines, a gap between paragraphs, a paragraph never split over two pages. */
export async function pdfOf(spec: DocumentSpec, options: PdfOptions = {}): Promise<Generated> {
  const doc = await PDFDocument.create();
  if (options.infoTitle !== false) doc.setTitle(spec.title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const placements = new Map<string, Placement>();
  const outline: Array<{ title: string; level: 1 | 2; page: PDFPage; top: number }> = [];
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let pageNumber = 1;
  let y = PAGE.height - PAGE.margin;
  const room = (height: number) => {
    if (y - height >= PAGE.margin) return;
    page = doc.addPage([PAGE.width, PAGE.height]);
    pageNumber++;
    y = PAGE.height - PAGE.margin;
  };
  const wrap = (text: string) => {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, BODY) > PAGE.width - 2 * PAGE.margin && line) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    return line ? [...lines, line] : lines;
  };
  const paragraph = (text: string, section: string[]) => {
    const lines = wrap(text);
    room(lines.length * LEADING);
    for (const line of lines) {
      y -= LEADING;
      page.drawText(line, { x: PAGE.margin, y, size: BODY, font });
    }
    y -= LEADING * 0.8; // the gap that ends a paragraph
    keysIn(text).forEach((k) => placements.set(k, { section: options.outline ? section : [], page: pageNumber }));
  };
  const heading = (text: string, level: 1 | 2) => {
    const size = level === 1 ? 18 : 14;
    room(size * 2 + 3 * LEADING);
    const top = y;
    y -= size * 1.5;
    page.drawText(text, { x: PAGE.margin, y, size, font: bold });
    y -= LEADING * 0.8;
    outline.push({ title: text, level, page, top });
    // Without bookmarks a heading is a paragraph like any other, in no section.
    if (!options.outline) keysIn(text).forEach((k) => placements.set(k, { section: [], page: pageNumber }));
  };

  const title = spec.title;
  heading(title, 1);
  outline.pop(); // the title is no bookmark
  for (const p of spec.intro) paragraph(p.join(' '), []);
  let chapter = '';
  for (const s of spec.sections) {
    heading(s.heading, s.level);
    if (s.level === 1) chapter = s.heading;
    const section = s.level === 1 ? [s.heading] : [chapter, s.heading];
    for (const p of s.paragraphs) paragraph(p.join(' '), section);
    for (const b of s.bullets ?? []) paragraph(`• ${b}`, section);
    for (const r of s.table?.rows ?? []) paragraph(r.join(': '), section);
  }
  if (options.outline) addOutline(doc, outline);
  return { bytes: await doc.save(), placements };
}

/** Bookmarks, two levels deep, each pointing to its heading's page and height (/XYZ). */
function addOutline(doc: PDFDocument, entries: Array<{ title: string; level: 1 | 2; page: PDFPage; top: number }>): void {
  const ctx = doc.context;
  const root = ctx.nextRef();
  type Node = { title: string; dest: [PDFRef, number]; ref: PDFRef; children: Node[] };
  const chapters: Node[] = [];
  for (const e of entries) {
    const node: Node = { title: e.title, dest: [e.page.ref, e.top], ref: ctx.nextRef(), children: [] };
    if (e.level === 1 || chapters.length === 0) chapters.push(node);
    else chapters[chapters.length - 1]!.children.push(node);
  }
  const write = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((n, i) => {
      const dict = ctx.obj({
        Title: PDFHexString.fromText(n.title),
        Parent: parent,
        Dest: [n.dest[0], 'XYZ', null, n.dest[1], null],
        ...(i > 0 && { Prev: nodes[i - 1]!.ref }),
        ...(i + 1 < nodes.length && { Next: nodes[i + 1]!.ref }),
        ...(n.children.length > 0 && { First: n.children[0]!.ref, Last: n.children[n.children.length - 1]!.ref, Count: n.children.length }),
      });
      ctx.assign(n.ref, dict);
      write(n.children, n.ref);
    });
  };
  write(chapters, root);
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: chapters[0]!.ref, Last: chapters[chapters.length - 1]!.ref, Count: chapters.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
}

/** A PDF whose pages hold only a drawn picture: no text layer. */
export async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  page.drawRectangle({ x: 20, y: 20, width: 200, height: 120 });
  page.drawCircle({ x: 150, y: 200, size: 40 });
  return doc.save();
}

/** A PDF that can only be opened with a password (its /Encrypt entry checks none of the empty password). */
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 300]).drawText('Secret harbour plans.', { x: 20, y: 250, size: 12, font });
  const ctx = doc.context;
  const id = PDFHexString.of('0123456789abcdef0123456789abcdef');
  ctx.trailerInfo.ID = ctx.obj([id, id]);
  ctx.trailerInfo.Encrypt = ctx.register(
    ctx.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFHexString.of('a5'.repeat(32)), U: PDFHexString.of('5a'.repeat(32)), P: -4 }),
  );
  return doc.save({ useObjectStreams: false });
}

/**
 * A Word file that is a zip bomb: 300 MB of padding that says so ('declared'), or a document.xml of 64 MB that
 * claims 2 KB ('hidden'). Each is under 1 MB.
 */
export async function zipBombDocx(kind: 'declared' | 'hidden'): Promise<Buffer> {
  const entries = readZip(Buffer.from((await docxOf(documentSpec(new Keys(), 'Bomb', 1))).bytes));
  if (kind === 'declared') return writeZip([...entries, { name: 'word/media/padding.bin', deflated: deflatedRun(300) }]);
  return writeZip(entries.map((e) => (e.name === 'word/document.xml' ? { name: e.name, deflated: deflatedRun(64), declaredSize: 2000 } : e)));
}
