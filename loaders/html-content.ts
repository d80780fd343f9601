// The readable content of an HTML document, as extracted text and blocks. Parsed by parse5 (the WHATWG parsing
// algorithm, as browsers parse), then read by rules rather than by a scoring heuristic, so what is cited is
// predictable: the <main> element (or the page's only <article>, else <body>) is the content; navigation,
// scripts, styles, forms, asides, footers, site headers and hidden elements are not text; h1-h6 give section
// paths; paragraphs, list items and other blocks are prose; <pre> is code; a table row is shown with its header.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { collapse, ExtractedText } from './extracted.ts';
import { UnreadableDocument, type LoadedDocument } from './types.ts';

export interface HtmlOptions {
  /** The title when the document gives none. */
  fileTitle: string;
  /**
   * Word documents (via mammoth): the title is the first `<h1 class="title">` (Word's Title style), or
   * `fallbackTitle` (the document's properties); every other heading is a section. Web pages: the title is
   * <title>, or else the first <h1>, and a first <h1> that is the title is no section.
   */
  word?: { fallbackTitle?: string };
}

const NOT_TEXT = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'img', 'picture',
  'video', 'audio', 'map', 'nav', 'aside', 'footer', 'form', 'button', 'select', 'textarea', 'input', 'dialog', 'menu',
]);
const NOT_TEXT_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'toolbar', 'dialog', 'alertdialog']);
/**
 * Class or id words that mark site furniture (whole words only: "menu-item-text" is not "menu"), and the "¶" or
 * "#" links documentation sites put in headings.
 */
const FURNITURE = /^(?:nav|navbar|navigation|menu|sidebar|breadcrumbs?|site-header|site-footer|footer|cookie-banner|cookie-notice|skip-link|toc|table-of-contents|headerlink|header-anchor|anchorjs-link)$/i;
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'nobr',
  'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);
const MAX_DEPTH = 1000;

type Element = T.Element;
type Node = T.ChildNode;

export function extractHtml(html: string, options: HtmlOptions): LoadedDocument {
  const document = parse(html);
  const htmlElement = document.childNodes.find(isElement);
  const body = htmlElement && htmlElement.childNodes.filter(isElement).find((e) => e.tagName === 'body');
  const out = new ExtractedText();
  const headings: Array<{ level: number; text: string }> = [];
  const section = () => headings.map((h) => h.text);
  const head = htmlElement?.childNodes.filter(isElement).find((e) => e.tagName === 'head');
  const webTitle = options.word ? undefined : collapse(textOf(findFirst(head, (e) => e.tagName === 'title'), true));
  let title = options.word ? undefined : webTitle || collapse(textOf(findFirst(body, (e) => e.tagName === 'h1'), false)) || undefined;
  let lines: string[] = [''];

  const flush = () => {
    out.prose(lines, { section: section() });
    lines = [''];
  };
  const inline = (value: string) => {
    lines[lines.length - 1] += value;
  };

  const heading = (element: Element, level: number) => {
    flush();
    const text = collapse(textOf(element, false));
    if (!text) return;
    out.line(text);
    if (options.word) {
      if (level === 1 && title === undefined && hasClass(element, 'title')) return void (title = text);
    } else if (level === 1 && !out.hasBlocks && headings.length === 0 && title !== undefined && (text === title || title.includes(text))) {
      return; // the page's own title, repeated as its first heading
    }
    while (headings.length > 0 && headings[headings.length - 1]!.level >= level) headings.pop();
    headings.push({ level, text });
  };

  const visit = (node: Node, depth: number, inRoot: boolean): void => {
    if (depth > MAX_DEPTH) throw new UnreadableDocument(`nested too deeply (more than ${MAX_DEPTH} levels of elements)`);
    if (node.nodeName === '#text') return inline((node as T.TextNode).value);
    if (!isElement(node)) return;
    const tag = node.tagName;
    if (isFurniture(node, inRoot)) return;
    const level = /^h([1-6])$/.exec(tag)?.[1];
    if (level) return heading(node, Number(level));
    if (tag === 'br') return void lines.push('');
    if (tag === 'pre') {
      flush();
      return out.code(textOf(node, true), { section: section() }, languageOf(node));
    }
    if (tag === 'table' && !isLayoutTable(node)) {
      flush();
      return table(node, out, section());
    }
    const block = !INLINE.has(tag) && tag.includes('-') === false;
    if (block) flush();
    const inside = inRoot || tag === 'main' || tag === 'article';
    for (const child of node.childNodes) visit(child, depth + 1, inside);
    if (block) flush();
  };

  const root = contentRoot(body);
  if (root) visit(root, 0, root !== body);
  flush();
  if (!out.hasBlocks) {
    const scripts = findFirst(htmlElement, (e) => e.tagName === 'script');
    throw new UnreadableDocument(scripts ? 'no text outside scripts: the page is drawn by JavaScript' : 'no text to index');
  }
  return out.document(title || options.word?.fallbackTitle || options.fileTitle);
}

/** The page's <main> (or role=main), else its only <article>, else <body>. */
function contentRoot(body: Element | undefined): Element | undefined {
  const main = findFirst(body, (e) => e.tagName === 'main' || attribute(e, 'role') === 'main');
  if (main) return main;
  const articles = findAll(body, (e) => e.tagName === 'article');
  return articles.length === 1 ? articles[0] : body;
}

function isFurniture(element: Element, inRoot: boolean): boolean {
  if (NOT_TEXT.has(element.tagName)) return true;
  // A site's header is furniture; an article's own header holds its heading.
  if (element.tagName === 'header' && !inRoot) return true;
  if (attribute(element, 'hidden') !== undefined || attribute(element, 'aria-hidden') === 'true') return true;
  if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(attribute(element, 'style') ?? '')) return true;
  if (NOT_TEXT_ROLES.has(attribute(element, 'role') ?? '')) return true;
  const words = `${attribute(element, 'class') ?? ''} ${attribute(element, 'id') ?? ''}`.split(/\s+/);
  return words.some((w) => FURNITURE.test(w));
}

/** A table used to lay out a page (its cells hold headings or tables) is read as content, not as rows. */
function isLayoutTable(table: Element): boolean {
  return findFirst(table, (e) => e !== table && (e.tagName === 'table' || /^h[1-6]$/.test(e.tagName))) !== undefined;
}

/** Each body row, with the header row's cells as its labels. */
function table(element: Element, out: ExtractedText, section: string[]): void {
  const rows = findAll(element, (e) => e.tagName === 'tr');
  const cells = (row: Element) => row.childNodes.filter(isElement).filter((c) => c.tagName === 'td' || c.tagName === 'th');
  const first = rows[0];
  const headerRow = first && (first.parentNode?.nodeName === 'thead' || cells(first).every((c) => c.tagName === 'th')) ? first : undefined;
  const headers = headerRow ? cells(headerRow).map((c) => collapse(textOf(c, false))) : [];
  const caption = findFirst(element, (e) => e.tagName === 'caption');
  if (caption) out.line(textOf(caption, false));
  if (headerRow) out.line(headers.join(' | '));
  for (const row of rows) if (row !== headerRow) out.row(cells(row).map((c) => textOf(c, false)), headers, { section });
}

function languageOf(pre: Element): string | undefined {
  const code = pre.childNodes.filter(isElement).find((e) => e.tagName === 'code');
  for (const e of [pre, code]) {
    const m = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec((e && attribute(e, 'class')) ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** The text inside an element, without what is not text (scripts, hidden parts), blocks separated by spaces. */
function textOf(element: Element | undefined, keepAll: boolean): string {
  if (!element) return '';
  const parts: string[] = [];
  const stack: Node[] = [...element.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#text') parts.push((node as T.TextNode).value);
    else if (isElement(node) && (keepAll || !isFurniture(node, true))) {
      if (node.tagName === 'br') parts.push('\n');
      else {
        if (!INLINE.has(node.tagName)) parts.push(' ');
        stack.push(...[...node.childNodes].reverse());
      }
    }
  }
  return parts.join('');
}

function findFirst(root: Element | undefined, test: (e: Element) => boolean): Element | undefined {
  return findAll(root, test, 1)[0];
}

/** Elements under `root` (itself included) passing `test`, in document order; not inside what is not text. */
function findAll(root: Element | undefined, test: (e: Element) => boolean, limit = Infinity): Element[] {
  const found: Element[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0 && found.length < limit) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) found.push(node);
    if (node.tagName !== 'script' && node.tagName !== 'style' && node.tagName !== 'template') stack.push(...[...node.childNodes].reverse());
  }
  return found;
}

function isElement(node: T.Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function hasClass(element: Element, name: string): boolean {
  return (attribute(element, 'class') ?? '').split(/\s+/).includes(name);
}
