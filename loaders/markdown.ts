// Markdown (CommonMark + GFM, with YAML/TOML frontmatter) parsed by mdast-util-from-markdown with source
// positions: frontmatter is metadata (its `title` is the document's title), headings give every block its
// section path, paragraphs and list items are prose, a fenced or indented code block is one block, a table row is
// one block shown with its header. VuePress/markdown-it `:::` container lines and HTML are structure, not text.
import type { Code, Heading, Html, Nodes, Paragraph, Parents, PhrasingContent, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import { decodeText } from './decode-text.ts';
import { DisplayBuilder } from './display.ts';
import { htmlText, inlineTag } from './html-fragment.ts';
import { UnreadableDocument, type Block, type Loader, type LoadedDocument } from './types.ts';

export const markdownLoader = {
  format: 'Markdown',
  extensions: ['.md', '.markdown'],
  extracted: false,
  load: (bytes, fileTitle) => loadMarkdown(decodeText(bytes), fileTitle),
} satisfies Loader;

const MATTER = ['yaml', 'toml'] as const;

export function loadMarkdown(text: string, fileTitle: string): LoadedDocument {
  try {
    return loadTree(text, fileTitle);
  } catch (error) {
    // Lists or quotes nested thousands deep ("- - - ..." on one line) overflow the parser's recursion.
    if (error instanceof RangeError) throw new UnreadableDocument('markdown nested too deeply to read');
    throw error;
  }
}

function loadTree(text: string, fileTitle: string): LoadedDocument {
  const tree = fromMarkdown(withoutContainerMarkers(text), {
    extensions: [gfm(), frontmatter([...MATTER])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown([...MATTER])],
  });
  // The parser drops a leading byte order mark and counts offsets without it; citations count it.
  if (text.startsWith('\uFEFF')) shiftOffsets(tree, 1);
  placeUnpositioned(tree, text);
  const blocks: Block[] = [];
  let title: string | undefined;
  let titleFromMatter = false;
  const headings: Array<{ depth: number; text: string }> = [];
  const section = () => headings.map((h) => h.text);

  const visit = (node: RootContent): void => {
    const [start, end] = span(node);
    switch (node.type) {
      case 'yaml': {
        const value = frontmatterTitle(node.value);
        if (value) [title, titleFromMatter] = [value, true];
        return;
      }
      case 'heading': {
        const name = inlineDisplay(node, text).text;
        if (node.depth === 1 && title === undefined && blocks.length === 0) {
          title = name;
          return;
        }
        // The page's own heading, when the frontmatter already named the page: not a section of it.
        if (node.depth === 1 && titleFromMatter && headings.length === 0 && blocks.length === 0) return;
        while (headings.length > 0 && headings[headings.length - 1]!.depth >= node.depth) headings.pop();
        if (name) headings.push({ depth: (node as Heading).depth, text: name });
        return;
      }
      case 'paragraph': {
        if (isNavigation(node)) return;
        const display = inlineDisplay(node, text);
        if (display.text) blocks.push({ kind: 'prose', start, end, section: section(), display });
        return;
      }
      case 'code':
        blocks.push(codeBlock(node, text, section()));
        return;
      case 'table':
        blocks.push(...tableRows(node, text, section()));
        return;
      case 'html': {
        const display = htmlDisplay(node, text);
        // Text between tags is prose only when it reads as a sentence, not as a label or a mock-up's "Pong!".
        if (display.text.split(' ').length >= 4) blocks.push({ kind: 'prose', start, end, section: section(), display });
        return;
      }
      default:
        if ('children' in node) for (const child of (node as Parents).children) visit(child as RootContent);
    }
  };
  for (const child of tree.children) visit(child);
  return { title: title ?? fileTitle, text, blocks };
}

function shiftOffsets(root: Nodes, by: number): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { start, end } = node.position ?? {};
    if (start?.offset !== undefined) start.offset += by;
    if (end?.offset !== undefined) end.offset += by;
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
}

/**
 * Nodes made after parsing (a GFM autolink literal after an unclosed "[", as in "[see www.example.com]", and the
 * text around it) have no position: each is placed where its text stands between its neighbours, so what it
 * shows maps back into its paragraph instead of to the start of the file.
 */
function placeUnpositioned(root: Nodes, text: string): void {
  const stack: Nodes[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    if (!('children' in parent)) continue;
    const children = parent.children as Nodes[];
    const [first, last] = [parent.position?.start.offset ?? 0, parent.position?.end.offset ?? text.length];
    // Where the next node the parser placed starts, after each child.
    const limits = new Array<number>(children.length);
    for (let i = children.length - 1, next = last; i >= 0; i--) [limits[i], next] = [next, children[i]!.position?.start.offset ?? next];
    const unplaced: number[] = [];
    let cursor = first;
    children.forEach((child, i) => {
      if (!child.position) {
        const literal = literalOf(child);
        const at = text.indexOf(literal, cursor);
        if (at === -1 || at + literal.length > limits[i]!) return void unplaced.push(i);
        child.position = positionOf(at, at + literal.length);
      }
      cursor = child.position.end.offset ?? cursor;
    });
    // Not there verbatim (an entity or escape inside): from where the node before it ends, over as much of the gap
    // before the next placed node as its characters, looked up in order, reach.
    if (unplaced.length > 0) {
      for (let i = children.length - 1, next = last; i >= 0; i--) [limits[i], next] = [next, children[i]!.position?.start.offset ?? next];
      for (const i of unplaced) {
        const start = children[i - 1]?.position?.end.offset ?? first;
        let end = start;
        for (const ch of literalOf(children[i]!)) {
          const found = text.slice(end, Math.min(limits[i]!, end + 64)).indexOf(ch); // an entity or escape is shorter
          if (found !== -1) end += found + ch.length;
        }
        children[i]!.position = positionOf(start, end);
      }
    }
    for (const child of children) stack.push(child);
  }
}

/** Only offsets are read. */
function positionOf(start: number, end: number) {
  return { start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } };
}

/** The text a node holds, as the parser gives it. */
function literalOf(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(literalOf).join('') : '';
}

/** A paragraph that is only links (a table of contents entry, "Next: ..."): navigation, not text. */
function isNavigation(node: Paragraph): boolean {
  const isLink = (c: PhrasingContent) => c.type === 'link' || c.type === 'linkReference';
  return node.children.some(isLink) && node.children.every((c) => isLink(c) || (c.type === 'text' && /^[\s,|·•-]*$/.test(c.value)));
}

function span(node: Nodes): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/**
 * `::: tip` ... `:::` (VuePress, markdown-it-container) and `:::: code-group` lines become blank lines of the
 * same length, so offsets stay those of the file and the parser sees the blocks inside them.
 */
function withoutContainerMarkers(text: string): string {
  let fence: string | undefined;
  return text.replace(/^([ \t]*)(.*)$/gm, (line, _indent: string, rest: string) => {
    const opening = /^(`{3,}|~{3,})/.exec(rest)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && rest.slice(opening.length).trim() === '') fence = undefined;
      return line;
    }
    if (opening) {
      fence = opening;
      return line;
    }
    return /^:{3,}(?:\s|$|[\w-])/.test(rest) ? line.replace(/[^\r]/g, ' ') : line;
  });
}

function frontmatterTitle(yaml: string): string | undefined {
  try {
    const data = parseYaml(yaml) as unknown;
    const title = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).title : undefined;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined; // frontmatter that isn't YAML gives no title, and is still not a passage
  }
}

function inlineDisplay(node: Parents, text: string) {
  const out = new DisplayBuilder();
  renderInline(node.children as PhrasingContent[], text, out);
  return out.build();
}

function renderInline(nodes: PhrasingContent[], text: string, out: DisplayBuilder): void {
  for (const node of nodes) {
    const [start, end] = span(node);
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out.aligned(node.value, text, start, end);
        break;
      case 'break':
        out.space();
        break;
      case 'html':
        inlineTag(node.value, start, end, out);
        break;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) renderInline(node.children as PhrasingContent[], text, out);
    }
  }
}

function codeBlock(node: Code, text: string, section: string[]): Block {
  const [start, end] = span(node);
  // The code itself, without its fences: found in the block, after a fence's opening line, when it is there as
  // written (not indented). Searched only inside the block, never past it.
  const fenced = /^[ \t]*(?:`{3,}|~{3,})/.test(text.slice(start, start + 16));
  const from = fenced ? Math.min(end, text.indexOf('\n', start) + 1 || end) : start;
  const at = node.value ? text.slice(from, end).indexOf(node.value) : -1;
  const inside = at !== -1;
  const [codeStart, codeEnd] = inside ? [from + at, from + at + node.value.length] : [start, end];
  // Shown as written, line breaks and indentation kept.
  const runs = inside ? [0, codeStart, node.value.length] : [0, codeStart, 0, node.value.length, codeEnd, 0];
  const display = { text: node.value, runs };
  return { kind: 'code', start: codeStart, end: codeEnd, section, display, ...(node.lang ? { language: node.lang } : {}) };
}

/** Each body row, shown as "header: cell · header: cell". */
function tableRows(node: Table, text: string, section: string[]): Block[] {
  const [head, ...rows] = node.children;
  const headers = head?.children.map((cell) => inlineDisplay(cell, text).text) ?? [];
  return rows.map((row) => {
    const [start, end] = span(row);
    const out = new DisplayBuilder();
    row.children.forEach((cell, i) => {
      const value = new DisplayBuilder();
      renderInline(cell.children, text, value);
      if (value.build().text === '') return;
      const [cellStart] = span(cell);
      if (i > 0) out.stand(' · ', cellStart, cellStart);
      if (headers[i]) out.stand(`${headers[i]}:`, cellStart, cellStart);
      out.space();
      renderInline(cell.children, text, out);
      out.space();
    });
    return { kind: 'row', start, end, section, display: out.build() };
  });
}

function htmlDisplay(node: Html, text: string) {
  const [start, end] = span(node);
  const out = new DisplayBuilder();
  htmlText(text, start, end, out);
  return out.build();
}
