// HTML inside markdown (and JSX-style components, as VuePress and MDX documents use them) is structure, not
// text: tags are dropped, a component that stands for a name (`<DocsLink path="Client:Class" />`) shows as
// that name, and only text between tags is read.
import type { DisplayBuilder } from './display.ts';

const TAG = /<!--[\s\S]*?-->|<(style|script|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?([A-Za-z][\w.:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The name a self-closing component stands for, from its path, name or title attribute. */
export function componentName(attributes: string): string | undefined {
  const values = new Map<string, string>();
  for (const m of attributes.matchAll(ATTRIBUTE)) values.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  const path = values.get('path') ?? values.get('name') ?? values.get('title') ?? values.get('label');
  if (!path) return undefined;
  // "ThreadChannel:Class#setArchived" -> "ThreadChannel#setArchived()" (a method when the type says so)
  const name = path.replace(/:(?:Class|Interface|Typedef|Function|TypeAlias|Enum|Variable)\b/, '');
  return values.get('type') === 'method' && !name.endsWith(')') ? `${name}()` : name;
}

/** Appends what an inline HTML tag shows (only a self-closing component's name). */
export function inlineTag(html: string, start: number, end: number, out: DisplayBuilder): void {
  const m = /^<([A-Za-z][\w.:-]*)([\s\S]*?)\/>$/.exec(html.trim());
  const name = m && /^[A-Z]/.test(m[1]!) ? componentName(m[2]!) : undefined;
  if (name) out.stand(name, start, end);
  // A line break or a block tag between words is a space between them ("one<br>two").
  else if (/^<\/?(?:br|hr|p|div|li|td|th|tr|summary|details)\b/i.test(html.trim())) out.space();
}

/** Appends the text of an HTML block (between tags, entities decoded), components as their names. */
export function htmlText(source: string, start: number, end: number, out: DisplayBuilder): void {
  const html = source.slice(start, end);
  let at = 0;
  for (const m of html.matchAll(TAG)) {
    text(source, start + at, start + m.index, out);
    at = m.index + m[0].length;
    const [, skipped, tag, attributes, selfClosing] = m;
    if (skipped || !tag) continue;
    const name = selfClosing && /^[A-Z]/.test(tag) ? componentName(attributes ?? '') : undefined;
    if (name) out.stand(name, start + m.index, start + at);
    else out.space();
  }
  text(source, start + at, end, out);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text between tags; markdown emphasis and code marks inside HTML are not parsed, so they are dropped here. */
function text(source: string, start: number, end: number, out: DisplayBuilder): void {
  const raw = source.slice(start, end);
  const plain = (from: number, to: number) => {
    const value = raw.slice(from, to);
    const bare = value.replace(/(?<![\p{L}\p{N}])[*_`]+(?=\S)|(?<=\S)[*_`]+(?![\p{L}\p{N}])/gu, '');
    if (bare === value) out.source(value, start + from);
    else out.aligned(bare, source, start + from, start + to);
  };
  let at = 0;
  for (const m of raw.matchAll(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi)) {
    plain(at, m.index);
    const code = m[1] ? Number(m[1]) : m[2] ? parseInt(m[2], 16) : undefined;
    const value = code !== undefined && code <= 0x10ffff ? String.fromCodePoint(code) : ENTITIES[m[3]!.toLowerCase()];
    if (value === undefined) out.source(m[0], start + m.index);
    else if (value.trim() === '') out.space();
    else out.stand(value, start + m.index, start + m.index + m[0].length);
    at = m.index + m[0].length;
  }
  plain(at, raw.length);
}
