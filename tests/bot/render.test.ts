import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentInfo, Excerpt, IndexInfo } from '../../retrieval/engine-types.ts';
import type { Answer, Citation } from '../../retrieval/types.ts';
import { parseAskCustomId, parseDocumentsCustomId, parseSourcesCustomId } from '../../bot/custom-ids.ts';
import { renderDocumentList, renderDocumentOutcome, renderDocumentPreview, renderDocumentWorking, type PreviewView } from '../../bot/render/documents.ts';
import { pageCount, renderAnswer, threadName } from '../../bot/render/answer.ts';
import { documentChoices, documentValue, resolveDocument } from '../../bot/render/choices.ts';
import { choiceProblems, LIMITS, payloadProblems, type MessagePayload } from '../../bot/render/limits.ts';
import { blockQuote, escapeFit, escapeText } from '../../bot/render/markdown.ts';
import { findCut } from '../../bot/render/quote.ts';
import { citationUrl } from '../../bot/render/links.ts';
import {
  renderContext,
  renderNotice,
  renderQuote,
  renderReindexDone,
  renderReindexFailed,
  renderReindexProgress,
} from '../../bot/render/messages.ts';
import { renderSources } from '../../bot/render/sources.ts';
import { truncate, truncateStart } from '../../bot/render/truncate.ts';

const HOSTILE = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&456456456456456456>',
  '<#300000000000000001>',
  '```js\nevil()\n```',
  '`code`',
  '> quoted\n> more',
  '# Heading',
  '-# subtext',
  '**bold** __under__ *it* _it_ ~~strike~~ ||spoiler||',
  '[click](https://evil.example)',
  '\\',
  '1. list\n- item',
  '😀👍🏽🇫🇷',
  '\u0000\u0007\u200b\u202e',
];

/** Text that is long, unicode-heavy or full of markdown and mentions. */
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...HOSTILE, ' ', '\n', 'word'), { maxLength: 80 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 3000, maxLength: 12000 }) },
  { weight: 1, arbitrary: fc.constantFrom('*'.repeat(9000), '\\'.repeat(7000), '`'.repeat(5000), '> '.repeat(4000), 'x'.repeat(20000)) },
);

const location = fc
  .record({
    charStart: fc.nat(1_000_000),
    length: fc.nat(20_000),
    lineStart: fc.integer({ min: 1, max: 1_000_000 }),
    lines: fc.nat(1000),
    paragraph: fc.integer({ min: 1, max: 100_000 }),
  })
  .map(({ charStart, length, lineStart, lines, paragraph }) => ({
    charStart,
    charEnd: charStart + length,
    lineStart,
    lineEnd: lineStart + lines,
    paragraph,
  }));

const citation: fc.Arbitrary<Citation> = fc.record(
  {
    passageId: fc.nat(),
    source: hostileText,
    title: hostileText,
    section: hostileText,
    quote: hostileText,
    display: hostileText,
    kind: fc.constantFrom('prose' as const, 'code' as const, 'row' as const),
    language: hostileText,
    location,
    score: fc.double({ noNaN: true }),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    url: fc.oneof(hostileText, fc.webUrl()),
  },
  { requiredKeys: ['passageId', 'source', 'title', 'quote', 'display', 'kind', 'location', 'score', 'confidence'] },
);

const indexFacts = fc.record({
  version: fc.string({ maxLength: 60 }),
  builtAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileText),
  passages: fc.nat(),
  model: hostileText,
});

const answer: fc.Arbitrary<Answer> = fc
  .record({ citations: fc.array(citation, { maxLength: 12 }), index: indexFacts, answered: fc.boolean() })
  .map(({ citations, index, answered }) => ({ answered: answered && citations.length > 0, citations: answered ? citations : [], index }));

const KEY = 'abcdefghij';

function expectSendable(payload: MessagePayload): void {
  expect(payloadProblems(payload)).toEqual([]);
  expect(payload.allowedMentions).toEqual({ parse: [] });
}

/** Undoes Markdown escapes (a backslash before ASCII punctuation). */
function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/gu, '$1');
}

describe('truncate', () => {
  it('keeps short text and cuts long text at a word boundary with a mark', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(truncate('abcdefghijklmnop', 6)).toBe('abcde…');
    expect(truncateStart('the quick brown fox jumps', 12)).toBe('…fox jumps');
  });

  it('never exceeds the limit nor splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.nat(420), (text, max) => {
        for (const cut of [truncate(text, max), truncateStart(text, max)]) {
          expect(cut.length).toBeLessThanOrEqual(max);
          if (cut !== text) {
            expect(cut.endsWith('…') || cut.startsWith('…') || cut === '').toBe(true);
            // A cut never leaves half of a pair that was whole in the input.
            const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
            if (!lone.test(text)) expect(lone.test(cut)).toBe(false);
          }
        }
      }),
    );
  });
});

describe('escaping', () => {
  it('neutralises markdown, block quotes, headings and masked links', () => {
    expect(escapeText('**bold** `code` ||x||')).toBe('\\*\\*bold\\*\\* \\`code\\` \\|\\|x\\|\\|');
    expect(escapeText('> not a quote\n# not a heading\n-# not subtext')).toBe(
      '\\> not a quote\n\\# not a heading\n\\-# not subtext',
    );
    expect(escapeText('[a](https://x.example)')).toBe('\\[a](https://x.example)');
  });

  it('fits the escaped text in the budget and marks the cut', () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 0, max: 5000 }), (text, max) => {
        const fitted = escapeFit(text, max);
        expect(fitted.length).toBeLessThanOrEqual(max);
        if (escapeText(text).length <= max) expect(fitted).toBe(escapeText(text));
      }),
    );
    expect(escapeFit('*'.repeat(9000), 4096).length).toBeGreaterThan(2000);
  });

  it('only adds backslashes (so the verbatim text can be read back) and leaves no live code, spoiler, strike or link', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeText(text);
        expect(unescape(escaped)).toBe(text);
        const live: string[] = [];
        for (let i = 0; i < escaped.length; i += 1) {
          const char = escaped[i] ?? '';
          if (char === '\\') i += 1;
          else if (char === '`' || char === '[' || ((char === '|' || char === '~') && escaped[i + 1] === char)) live.push(char);
        }
        expect(live).toEqual([]);
        expect(escaped).not.toMatch(/^\s*(>|#{1,3} |-# )/mu);
      }),
      { numRuns: 300 },
    );
  });

  it('makes a one-line block quote whose unescaped text is the verbatim quote', () => {
    const quote = 'He said: **never** `drop` > tables; @everyone <@123> (see [1](x)).';
    const rendered = blockQuote(quote, 500);
    expect(rendered.startsWith('> ')).toBe(true);
    expect(rendered).not.toContain('\n');
    expect(unescape(rendered.slice(2))).toBe(quote);
  });
});

describe('cut quotes', () => {
  const cite = (clipped?: { start: boolean; end: boolean }): Citation => ({
    passageId: 0,
    source: 'a.txt',
    title: 'A',
    quote: 'which was long,',
    display: 'which was long,',
    kind: 'prose',
    location: { charStart: 0, charEnd: 15, lineStart: 1, lineEnd: 1, paragraph: 1 },
    score: 1,
    confidence: 1,
    ...(clipped && { clipped }),
  });

  it('takes where a quote stops short of its sentence from the engine', () => {
    expect(findCut(cite())).toEqual({ before: false, after: false });
    expect(findCut(cite({ start: true, end: false }))).toEqual({ before: true, after: false });
    expect(findCut(cite({ start: true, end: true }))).toEqual({ before: true, after: true });
  });

  it('shows "…" at each end that was cut, by the engine or to fit', () => {
    expect(blockQuote('which was long', 100, { before: true, after: true })).toBe('> …which was long…');
    expect(blockQuote('“Considering this, they confirm', 100, { before: false, after: true })).toBe('> “Considering this, they confirm…');
    const long = blockQuote(`${'word '.repeat(100)}end.`, 60, { before: true, after: false });
    expect(long.startsWith('> …word')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(blockQuote('x y z', 4, { before: true, after: true }).length).toBeLessThanOrEqual(4);
  });
});

describe('links to the source', () => {
  const at = { charStart: 0, charEnd: 5, lineStart: 4, lineEnd: 6, paragraph: 2 };
  const template = 'https://github.com/org/repo/blob/main/{path}#L{lineStart}-L{lineEnd}';

  it('fill DOCUMENT_URL_TEMPLATE with the encoded path and the lines, safe inside a markdown link', () => {
    expect(citationUrl({ source: 'guides/set up (v2).md', location: at }, template)).toBe(
      'https://github.com/org/repo/blob/main/guides/set%20up%20%28v2%29.md#L4-L6',
    );
    expect(citationUrl({ source: 'a.md', location: at }, undefined)).toBeUndefined();
    expect(citationUrl({ source: 'a.md', location: at }, 'javascript:alert(1)//{path}')).toBeUndefined();
    expect(citationUrl({ source: 'half \ud800 a pair.md', location: at }, template)).toBeUndefined();
    const page = { source: 'a.md', location: at, url: 'https://example.org/page (1)' };
    expect(citationUrl(page, template)).toBe('https://example.org/page%20%281%29'); // a document's own page wins
  });

  it('make the place of each citation a link to its lines', () => {
    const citation: Citation = { passageId: 1, source: 'docs/a.md', title: 'Doc [A]', quote: 'Text.', display: 'Text.', kind: 'prose', location: at, score: 1, confidence: 1 };
    const answer: Answer = { answered: true, citations: [citation], index: { version: 'v', builtAt: 'x', passages: 3, model: 'm' } };
    const payload = renderAnswer({ question: 'q', answer, page: 0, perPage: 3, key: KEY, canThread: false, urlTemplate: template });
    expect(payload.embeds?.[0]?.description).toBe(
      '> Text.\n`[1]` **Doc \\[A]** · [paragraph 2, lines 4–6](https://github.com/org/repo/blob/main/docs/a.md#L4-L6)',
    );
    const info: IndexInfo = { version: 'v', builtAt: 'x', passages: 3, documents: 1, model: 'm' };
    expect(renderQuote(citation, info, template).embeds?.[0]?.description).toContain('(https://github.com/org/repo/blob/main/docs/a.md#L4-L6)');
  });
});

describe('footers', () => {
  it('are plain text: no markdown escapes (footers render none)', () => {
    const source = '1790_george_washington_n.txt';
    const excerpt: Excerpt = { source, title: 'George *Washington*', text: 'Fellow citizens.', display: 'Fellow citizens.', location: { charStart: 0, charEnd: 16, lineStart: 1, lineEnd: 1, paragraph: 1 } };
    expect(renderContext(excerpt, { charStart: 0, charEnd: 16 }).embeds?.[0]?.footer?.text).toBe(`${source} · paragraph 1, line 1`);
    const info: IndexInfo = { version: 'v', builtAt: '2025-01-02T03:04:05.000Z', passages: 2, documents: 1, model: 'my_model' };
    expect(renderSources([{ source, title: 'W', passages: 2 }], info).embeds?.[0]?.footer?.text).toBe('2 passages · model my_model · index built');
  });
});

describe('renderAnswer', () => {
  it('stays within every Discord limit for arbitrary answers', () => {
    fc.assert(
      fc.property(answer, hostileText, fc.nat(20), fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.option(hostileText), (a, q, page, perPage, canThread, doc) => {
        const urlTemplate = doc ? 'https://example.org/docs/{path}#L{lineStart}-L{lineEnd}' : undefined;
        const payload = renderAnswer({ question: q, answer: a, page, perPage, key: KEY, canThread, urlTemplate, ...(doc ? { documentTitle: doc } : {}) });
        expectSendable(payload);
        for (const row of payload.components ?? []) {
          for (const button of row.components) expect(parseAskCustomId(button.custom_id)).toBeDefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('quotes each citation of the page with its document, paragraph and lines, and pages the rest', () => {
    const cite = (n: number): Citation => ({
      passageId: n,
      source: 'docs/a.md',
      title: 'Doc A',
      quote: `Quote number ${n} with **stars** *and* \`ticks\`.`,
      display: `Quote number ${n} with **stars** *and* ticks.`,
      kind: 'prose',
      location: { charStart: n * 100, charEnd: n * 100 + 30, lineStart: n + 1, lineEnd: n + 2, paragraph: n + 1 },
      score: 1 - n / 10,
      confidence: 0.9,
    });
    const a: Answer = {
      answered: true,
      citations: [0, 1, 2, 3, 4].map(cite),
      index: { version: 'v1', builtAt: '2025-01-02T03:04:05.000Z', passages: 42, model: 'm' },
    };
    const first = renderAnswer({ question: 'Why?', answer: a, page: 0, perPage: 2, key: KEY, canThread: true });
    const embed = first.embeds?.[0];
    expect(embed?.title).toBe('Why?');
    // The display text, its markdown characters escaped: nothing in a document can change the layout.
    expect(embed?.description).toContain('> Quote number 0 with \\*\\*stars\\*\\* \\*and\\* ticks.');
    expect(embed?.description).toContain('**Doc A** · paragraph 1, lines 1–2');
    expect(embed?.description).not.toContain('Quote number 2');
    expect(embed?.footer?.text).toBe('Searched 42 passages · sources 1–2 of 5 · index built');
    expect(embed?.timestamp).toBe('2025-01-02T03:04:05.000Z');
    // One row of buttons, then the "Show context" menu over the page's citations.
    const [buttons, menu, ...more] = first.components ?? [];
    expect(more).toEqual([]);
    expect(buttons?.components.map((b) => b.custom_id)).toEqual([`ask:more:1:${KEY}`, `ask:thread:0:${KEY}`, `ask:fb:up:${KEY}`, `ask:fb:down:${KEY}`]);
    expect(menu?.components).toEqual([
      {
        type: 3,
        custom_id: `ask:ctx:0:${KEY}`,
        placeholder: 'Show the paragraph around a quote (only to you)',
        options: [
          { label: '[1] Doc A · paragraph 1, lines 1–2', value: '0', description: 'Quote number 0 with **stars** *and* ticks.' },
          { label: '[2] Doc A · paragraph 2, lines 2–3', value: '1', description: 'Quote number 1 with **stars** *and* ticks.' },
        ],
      },
    ]);
    const last = renderAnswer({ question: 'Why?', answer: a, page: 2, perPage: 2, key: KEY, canThread: false });
    const lastIds = (last.components ?? []).flatMap((row) => row.components.map((b) => b.custom_id));
    expect(lastIds).toEqual([`ask:more:1:${KEY}`, `ask:fb:up:${KEY}`, `ask:fb:down:${KEY}`, `ask:ctx:2:${KEY}`]);
    expect(last.embeds?.[0]?.description).toContain('`[5]`');
    expect(pageCount(5, 2)).toBe(3);
  });

  it('says plainly when the documents do not answer, with no quote', () => {
    const a: Answer = { answered: false, citations: [], index: { version: 'v', builtAt: 'x', passages: 3, model: 'm' } };
    const payload = renderAnswer({ question: 'bread?', answer: a, page: 0, perPage: 3, key: KEY, canThread: true });
    expect(payload.embeds?.[0]?.description).toMatch(/^The documents don't answer this question/u);
    expect(payload.embeds?.[0]?.description).not.toContain('> ');
    expect(payload.components?.flatMap((row) => row.components.map((b) => b.custom_id))).toEqual([
      `ask:fb:up:${KEY}`,
      `ask:fb:down:${KEY}`,
    ]);
    expect(payload.embeds?.[0]?.description).not.toContain('No document mentions');
  });

  it('names the words of the question that no document has', () => {
    const a: Answer = { answered: false, citations: [], unmentioned: ['war', 'Ukraine'], index: { version: 'v', builtAt: 'x', passages: 3, model: 'm' } };
    const payload = renderAnswer({ question: 'war in Ukraine?', answer: a, page: 0, perPage: 3, key: KEY, canThread: true });
    expect(payload.embeds?.[0]?.description).toContain('No document mentions **war** or **Ukraine**.');
  });
});

describe('the other messages', () => {
  it('stay within limits for hostile input', () => {
    fc.assert(
      fc.property(citation, indexFacts, hostileText, (c, facts, text) => {
        const info: IndexInfo = { ...facts, documents: 1 };
        expectSendable(renderQuote(c, info));
        expectSendable(renderNotice(text || 'x'));
        expectSendable(renderReindexFailed(text));
        expectSendable(renderReindexProgress(true, { stage: text, done: 3, total: 7 }));
        const excerpt: Excerpt = { source: c.source, title: c.title, text: `${text} ${c.quote} ${text}`, display: `${text} ${c.display} ${text}`, location: c.location };
        const quoted = { charStart: c.location.charStart + text.length + 1, charEnd: c.location.charStart + text.length + 1 + c.quote.length };
        expectSendable(renderContext(excerpt, quoted));
        expect(threadName(text).length).toBeGreaterThanOrEqual(1);
        expect(threadName(text).length).toBeLessThanOrEqual(LIMITS.threadName);
        expect(threadName(text)).not.toMatch(/\n/u);
      }),
      { numRuns: 100 },
    );
    expectSendable(renderReindexDone({ added: 1, changed: 2, removed: 3, unchanged: 4, passages: 5, seconds: 6.25 }));
  });

  it('lists many documents within limits', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ source: hostileText, title: hostileText, passages: fc.nat() }), { maxLength: 400 }), indexFacts, fc.nat(30), (docs, facts, page) => {
        const payload = renderSources(docs, { ...facts, documents: docs.length }, page);
        expectSendable(payload);
        expect(payload.embeds?.[0]?.title).toBe(`Indexed documents (${docs.length})`);
        for (const row of payload.components ?? []) for (const c of row.components) expect(parseSourcesCustomId(c.custom_id)).toBeDefined();
      }),
      { numRuns: 100 },
    );
  });

  it('shows the whole paragraph with the quote in bold', () => {
    const text = 'First sentence. The quoted *one*. Last one.';
    const excerpt: Excerpt = { source: 'a.txt', title: 'A', text, display: text, location: { charStart: 100, charEnd: 100 + text.length, lineStart: 3, lineEnd: 3, paragraph: 2 } };
    const payload = renderContext(excerpt, { charStart: 116, charEnd: 133 });
    expect(payload.embeds?.[0]?.description).toBe('First sentence. **The quoted \\*one\\*.** Last one.');
    expect(payload.embeds?.[0]?.footer?.text).toBe('a.txt · paragraph 2, line 3');
  });
});

describe('autocomplete choices', () => {
  const docs: DocumentInfo[] = [
    { source: 'guides/setup.md', title: 'Setup guide', passages: 4 },
    { source: 'CSTO-Dushanbe-declaration.txt', title: 'CSTO Dushanbe declaration', passages: 11 },
    { source: `${'deep/'.repeat(30)}long.txt`, title: 'Long path', passages: 1 },
  ];

  it('filters by title or path, and resolves what it offered or what was typed', () => {
    expect(documentChoices(docs, 'csto').map((c) => c.value)).toEqual(['CSTO-Dushanbe-declaration.txt']);
    expect(documentChoices(docs, 'guide').map((c) => c.name)).toEqual(['Setup guide (guides/setup.md)']);
    expect(documentChoices(docs, '')).toHaveLength(3);
    const long = documentChoices(docs, 'long')[0];
    expect(long?.value).toMatch(/^#[0-9a-f]{16}$/u);
    expect(resolveDocument(docs, long?.value ?? '')?.title).toBe('Long path');
    expect(resolveDocument(docs, 'setup guide')?.source).toBe('guides/setup.md');
    expect(resolveDocument(docs, 'nope')).toBeUndefined();
  });

  it('never offers more than 25 choices or names/values over 100', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ source: hostileText, title: hostileText, passages: fc.nat() }), { maxLength: 60 }), fc.string({ maxLength: 100 }), (list, typed) => {
        const choices = documentChoices(list, typed);
        expect(choiceProblems(choices)).toEqual([]);
        for (const choice of choices) expect(resolveDocument(list, choice.value)).toBeDefined();
        for (const doc of list) expect(documentValue(doc.source).length).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('what a citation shows', () => {
  const base: Citation = {
    passageId: 1,
    source: 'docs/a.md',
    title: 'Doc',
    quote: 'Use [the **flag**](https://x.example) here.',
    display: 'Use the flag here.',
    kind: 'prose',
    location: { charStart: 0, charEnd: 40, lineStart: 3, lineEnd: 3, paragraph: 2 },
    score: 1,
    confidence: 0.9,
  };
  const answerOf = (c: Citation): Answer => ({ answered: true, citations: [c], index: { version: 'v', builtAt: 'x', passages: 3, model: 'm' } });
  const description = (c: Citation) => renderAnswer({ question: 'q', answer: answerOf(c), page: 0, perPage: 3, key: KEY, canThread: false }).embeds?.[0]?.description ?? '';

  it('is the text as people read it, not the markdown source', () => {
    expect(description(base)).toContain('> Use the flag here.');
    expect(description(base)).not.toContain('](https://x.example)');
  });

  it('is code in a code block, whole and as written, a fence inside it unable to close the block', () => {
    const code = { ...base, kind: 'code' as const, language: 'js', display: 'const a = 1;\n  call(a); // ```', quote: 'const a = 1;\n  call(a); // ```' };
    const shown = description(code);
    expect(shown.startsWith('```js\nconst a = 1;\n  call(a); // `\u200b``\n```')).toBe(true);
    expect(shown.match(/```/g)).toHaveLength(2);
  });

  it('names the other documents that hold the same words', () => {
    const also = { ...base, alsoIn: [{ source: 'docs/b.md', title: 'Doc B', location: base.location }] };
    expect(description(also)).toContain('Also in: Doc B');
  });
});

describe('/documents messages', () => {
  const preview: fc.Arbitrary<PreviewView> = fc.oneof(
    fc.record({
      ok: fc.constant(true as const),
      name: hostileText,
      bytes: fc.nat(),
      sameContent: fc.array(hostileText, { maxLength: 8 }),
      format: fc.string({ maxLength: 10 }),
      title: hostileText,
      passages: fc.nat(),
      first: fc.record({ display: hostileText, kind: fc.constantFrom('prose' as const, 'code' as const, 'row' as const), language: fc.string({ maxLength: 30 }), section: fc.array(hostileText, { maxLength: 6 }), location }),
    }),
    fc.record({ ok: fc.constant(false as const), name: hostileText, bytes: fc.nat(), sameContent: fc.array(hostileText, { maxLength: 8 }), reason: hostileText }),
  );
  const skipped = fc.array(fc.record({ source: hostileText, reason: hostileText }), { maxLength: 300 });

  it('stay within limits for hostile previews, outcomes and lists, with only valid buttons', () => {
    fc.assert(
      fc.property(preview, fc.constantFrom('add' as const, 'replace' as const, 'indexed' as const, 'refused' as const), hostileText, fc.option(fc.oneof(hostileText, fc.webUrl())), (p, state, source, url) => {
        const payload = renderDocumentPreview({ key: KEY, state, preview: p, source, url: url ?? undefined, expiresInMinutes: 15 });
        expectSendable(payload);
        for (const row of payload.components ?? []) for (const c of row.components) expect(parseDocumentsCustomId(c.custom_id)).toBeDefined();
        expectSendable(renderDocumentWorking('Adding', source, { stage: 'embedding', done: 3, total: 7, text: source }));
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(hostileText, skipped, fc.boolean(), fc.option(fc.nat()), (source, files, ok, passages) => {
        const reindex = ok ? { ok: true as const, skipped: files, passages: passages ?? undefined } : { ok: false as const, reason: source };
        expectSendable(renderDocumentOutcome({ done: 'Added', source, kept: { at: source, days: 30 }, reindex }));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.array(fc.record({ source: hostileText, passages: fc.option(fc.nat()), url: fc.option(fc.oneof(hostileText, fc.webUrl())) }), { maxLength: 120 }), fc.nat(30), (entries, page) => {
        const list = entries.map((e) => ({ source: e.source, passages: e.passages ?? undefined, url: e.url ?? undefined, addedBy: { id: '400000000000000002', name: 'ada' }, addedAt: '2025-01-02T03:04:05.000Z' }));
        const payload = renderDocumentList(list, page);
        expectSendable(payload);
        for (const row of payload.components ?? []) for (const c of row.components) expect(parseDocumentsCustomId(c.custom_id)).toEqual({ action: 'page', page: expect.any(Number) });
      }),
      { numRuns: 100 },
    );
  });

  it('/reindex lists the files it skipped with their reasons, as many as fit', () => {
    const summary = { added: 1, changed: 0, removed: 0, unchanged: 2, passages: 9, seconds: 1.25 };
    expect(renderReindexDone({ ...summary, skipped: [{ source: 'docs/a.pdf', reason: 'no text layer' }, { source: 'b.xyz', reason: 'not a document citebot reads' }] }).content).toBe(
      '✅ Reindex done in 1.3 s: 1 added, 0 changed, 0 removed, 2 unchanged; 9 passages indexed.\n⚠️ 2 files skipped:\n• docs/a.pdf: no text layer\n• b.xyz: not a document citebot reads',
    );
    const many = Array.from({ length: 500 }, (_, i) => ({ source: `folder/file-${i}.bin`, reason: 'not a document citebot reads (.txt, .md)' }));
    const content = renderReindexDone({ ...summary, skipped: many }).content ?? '';
    expect(content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(content).toMatch(/\n…and \d+ more$/u);
    expect(renderReindexProgress(false, { stage: 'embedding', done: 3100, total: 6400, text: 'embedding 3,100 of 6,400 passages' }).content).toBe('⏳ Reindex: embedding 3,100 of 6,400 passages…');
  });

  it('custom ids: only well-formed ones are accepted', () => {
    expect(parseDocumentsCustomId(`docs:confirm:${KEY}`)).toEqual({ action: 'confirm', key: KEY });
    expect(parseDocumentsCustomId('docs:page:3')).toEqual({ action: 'page', page: 3 });
    for (const forged of ['docs:confirm:../etc', 'docs:delete:abcdefghij', 'docs:page:03', 'docs:page:-1', `docs:cancel:${KEY}x`, 'docs:confirm:ABCDEFGHIJ']) {
      expect(parseDocumentsCustomId(forged), forged).toBeUndefined();
    }
  });
});
