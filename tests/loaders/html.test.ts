// What the HTML loader makes of a web page: its readable content only, as extracted text whose blocks carry
// their section paths and slice that text exactly; furniture (navigation, scripts, footers...) is no text.
import { describe, expect, it } from 'vitest';
import { htmlLoader } from '../../loaders/html.ts';
import { UnreadableDocument, type LoadedDocument } from '../../loaders/types.ts';
import { FURNITURE_WORDS, htmlOf, documentSpec, Keys } from '../helpers/generated-documents.ts';
import { expectExact, expectPlaced } from '../helpers/loaded-checks.ts';

const load = (html: string | Uint8Array, title = 'page') => htmlLoader.load(typeof html === 'string' ? Buffer.from(html) : html, title);
const shown = (doc: LoadedDocument) => doc.blocks.map((b) => [b.kind, b.section, b.display.text]);


describe('the HTML loader', () => {
  it('reads the main content of a generated page: sections from headings, rows with their header, no furniture', () => {
    const keys = new Keys();
    const generated = htmlOf(documentSpec(keys, 'Harbour Handbook', 2));
    const doc = load(generated.bytes);
    expect(doc.title).toBe('Harbour Handbook');
    expectExact(doc);
    for (const word of FURNITURE_WORDS) expect(doc.text).not.toContain(word);
    expectPlaced(doc, generated.placements);
    expect(doc.blocks.filter((b) => b.kind === 'row').map((b) => b.display.text)).toEqual([
      expect.stringMatching(/^Harbour: \w+ton · Fee: 10 euros$/),
      expect.stringMatching(/^Harbour: \w+ton · Fee: 12 euros$/),
    ]);
  });

  it('takes <title> as the title, else the first h1, which is then no section', () => {
    expect(load('<title>Site rules</title><h1>Site rules</h1><p>Be kind to everyone here.</p>')).toMatchObject({
      title: 'Site rules',
      blocks: [{ section: [] }],
    });
    expect(load('<html><body><h1>House rules</h1><p>Be kind.</p><h2>Chat</h2><p>No spam.</p></body></html>')).toMatchObject({
      title: 'House rules',
      blocks: [{ section: [] }, { section: ['Chat'] }],
    });
    const other = load('<title>Example Port — Guides</title><p>Intro text first.</p><h1>Moorings</h1><p>Moor here.</p>');
    expect(other.title).toBe('Example Port — Guides');
    expect(other.blocks.map((b) => b.section)).toEqual([[], ['Moorings']]);
    expect(load('<p>No title at all.</p>', 'file title').title).toBe('file title');
  });

  it("leaves documentation sites' permalink marks out of section names", () => {
    const doc = load('<h2>Install<a class="headerlink" href="#install">¶</a></h2><p>Run it.</p><h2><a class="header-anchor" href="#use">#</a> Use</h2><p>Go.</p>');
    expect(doc.blocks.map((b) => b.section)).toEqual([['Install'], ['Use']]);
  });

  it('nests sections by heading level and keeps h1-h6 out of the blocks', () => {
    const doc = load('<h1>T</h1><h2>A</h2><p>In A.</p><h3>B</h3><p>In B.</p><h4>C</h4><p>In C.</p><h3>D</h3><p>In D.</p><h2>E</h2><p>In E.</p>');
    expect(shown(doc)).toEqual([
      ['prose', ['A'], 'In A.'],
      ['prose', ['A', 'B'], 'In B.'],
      ['prose', ['A', 'B', 'C'], 'In C.'],
      ['prose', ['A', 'D'], 'In D.'],
      ['prose', ['E'], 'In E.'],
    ]);
  });

  it('makes paragraphs, list items and loose text prose, <pre> code with its language, and collapses white space', () => {
    const doc = load(
      [
        '<main><p>First   paragraph\n  wrapped <b>in</b> the&nbsp;source &amp; more.</p>',
        '<ul><li>One item<ul><li>Nested item</li></ul></li><li>Two <a href="/x">linked</a> item</li></ul>',
        '<div>Loose text in a div.<br>After a break.</div>',
        '<pre><code class="language-js">const a = 1;\n  if (a) go();\n</code></pre>',
        '<blockquote><p>A quoted line.</p></blockquote></main>',
      ].join(''),
    );
    expect(shown(doc)).toEqual([
      ['prose', [], 'First paragraph wrapped in the source & more.'],
      ['prose', [], 'One item'],
      ['prose', [], 'Nested item'],
      ['prose', [], 'Two linked item'],
      ['prose', [], 'Loose text in a div. After a break.'],
      ['code', [], 'const a = 1;\n  if (a) go();'],
      ['prose', [], 'A quoted line.'],
    ]);
    expect(doc.blocks[5]!.language).toBe('js');
    expectExact(doc);
  });

  it('drops navigation, scripts, styles, forms, asides, footers, site headers, hidden and furniture-classed elements', () => {
    const doc = load(
      [
        '<html><head><title>T</title><style>p { color: red }</style></head><body>',
        '<header><a>Logo</a><ul><li>Menu link</li></ul></header><nav>Nav text</nav>',
        '<div role="navigation">Role nav</div><div class="sidebar">Side text</div><div id="breadcrumbs">Crumbs</div>',
        '<article><header><h1>T</h1><p>Byline kept.</p></header><p>Body text.</p>',
        '<p hidden>Hidden text.</p><p aria-hidden="true">Aria hidden.</p><p style="display: none">Invisible.</p>',
        '<form><label>Name</label><input value="x"><button>Send</button></form><noscript>Enable JS</noscript>',
        '<script>var inline = "script text";</script><svg><text>Chart label</text></svg><template><p>Template</p></template>',
        '<div class="menu-item-text">Kept: not a menu by its class</div></article>',
        '<aside>Aside text</aside><footer>Footer text</footer></body></html>',
      ].join(''),
    );
    expect(doc.blocks.map((b) => b.display.text)).toEqual(['Byline kept.', 'Body text.', 'Kept: not a menu by its class']);
  });

  it('reads <main> only when the page has one', () => {
    const doc = load('<body><div>Outside main.</div><main><p>Inside main.</p></main><div>After main.</div></body>');
    expect(doc.blocks.map((b) => b.display.text)).toEqual(['Inside main.']);
  });

  it('shows a row of a table without header cells plainly, and reads a layout table as content', () => {
    const plain = load('<table><tr><td>Spam</td><td>Ban</td></tr><tr><td>Flood</td><td></td></tr></table>');
    expect(shown(plain)).toEqual([
      ['row', [], 'Spam · Ban'],
      ['row', [], 'Flood'],
    ]);
    expectExact(plain);
    const layout = load('<table><tr><td><h2>Rules</h2><p>Be kind.</p></td><td><table><tr><td>x</td></tr></table></td></tr></table>');
    expect(shown(layout)[0]).toEqual(['prose', ['Rules'], 'Be kind.']);
  });

  it('decodes by byte order mark or declared charset, else UTF-8, else Windows-1252', () => {
    const latin = Buffer.from('<meta charset="iso-8859-1"><p>Caf\xe9 cr\xe8me.</p>', 'latin1');
    expect(load(latin).blocks[0]!.display.text).toBe('Café crème.');
    const cp1252 = Buffer.from([...Buffer.from('<p>'), 0x93, ...Buffer.from('Quoted'), 0x94, ...Buffer.from('</p>')]);
    expect(load(cp1252).blocks[0]!.display.text).toBe('“Quoted”');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>Sixteen bits.</p>', 'utf16le')]);
    expect(load(utf16).blocks[0]!.display.text).toBe('Sixteen bits.');
    expect(load(Buffer.from('\ufeff<p>With a mark.</p>')).blocks[0]!.display.text).toBe('With a mark.');
  });

  it.each([
    ['a page drawn by scripts', '<!doctype html><html><head><script src="app.js"></script></head><body><div id="app"></div><script>render()</script></body></html>', 'no text outside scripts: the page is drawn by JavaScript'],
    ['a page with no text', '<!doctype html><html><body><img src="a.png"></body></html>', 'no text to index'],
    ['plain text named .html', 'Just some notes, no tags.', 'the content is plain text, not a web page (HTML); rename it .txt'],
    ['a PDF named .html', '%PDF-1.7\n1 0 obj', 'the content is a PDF, not a web page (HTML); rename it .pdf'],
    ['an empty file', '', 'empty file'],
    ['elements nested 5,000 deep', '<p>' + '<span>'.repeat(5000) + 'deep', 'nested too deeply (more than 1000 levels of elements)'],
  ])('refuses %s with a one-line reason', (_name, html, reason) => {
    expect(() => load(html)).toThrow(UnreadableDocument);
    expect(() => load(html)).toThrow(reason);
  });
});
