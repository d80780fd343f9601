import { describe, expect, it } from 'vitest';
import type { Engine } from '../../retrieval/engine-types.ts';
import { commands } from '../../bot/commands/index.ts';
import { autocomplete, button, chatInput, messageContextMenu } from '../fake-discord/index.ts';
import {
  botTests,
  isEphemeral,
  quotesIn,
  SEED_FILE,
} from './harness.ts';

const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';
const UNANSWERABLE = 'how do I bake sourdough bread?';

const bot = botTests((h) => {
  expect(h.logs.filter((line) => line.level >= 50)).toEqual([]); // no error logs unless a test expects them
});

/** The line of the seed file a citation says the quote is on. */
function seedLines(): string[] {
  return bot.test.seedText.split('\n');
}

describe('/ask', () => {
  it('defers at once, then edits the reply with verbatim quotes and where they stand', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    const log = await h.handled(sent.id);
    expect(log).toMatchObject({ command: 'ask', outcome: 'answered', userId: sent.payload.member?.user.id });
    expect(typeof log['latencyMs']).toBe('number');

    const [callback, edit, ...rest] = h.fake.messagesFor(sent.token);
    expect(rest).toEqual([]);
    expect(callback?.body).toMatchObject({ type: 5 }); // "thinking…"
    expect(isEphemeral((callback?.body as { data?: { flags?: number } }).data?.flags)).toBe(false);
    expect((callback?.at ?? Infinity) - sent.sentAt).toBeLessThan(3000);
    expect(edit).toMatchObject({ method: 'PATCH', response: { status: 200 } });

    const message = h.fake.interaction(sent.id)?.original;
    expect(isEphemeral(message?.flags)).toBe(false);
    const embed = message?.embeds[0];
    expect(embed?.title).toBe(QUESTION);
    const quotes = quotesIn(embed?.description ?? '');
    expect(quotes.length).toBeGreaterThanOrEqual(1);
    const lines = seedLines();
    for (const { quote, place } of quotes) {
      // "`[1]` **CSTO Dushanbe declaration** · paragraph 4, line 4"
      const match = /^`\[\d+\]` \*\*CSTO Dushanbe declaration\*\* · paragraph (\d+), lines? (\d+)(?:–(\d+))?$/u.exec(place);
      expect(match, place).not.toBeNull();
      const [from, to] = [Number(match?.[2]), Number(match?.[3] ?? match?.[2])];
      const text = lines.slice(from - 1, to).join(' ');
      expect(text).toContain(quote);
      expect(bot.test.seedText).toContain(quote);
    }
    const info = bot.test.engine.info();
    expect(embed?.footer?.text).toMatch(new RegExp(`^Searched ${info.passages} passages( · sources 1–\\d+ of \\d+)? · index built$`, 'u'));
    expect(embed?.timestamp).toBe(info.builtAt); // Discord shows it after the footer, in each reader's time zone
    // One row of buttons, and the "Show context" menu.
    const rows = (message?.components ?? []).map((row) => ('components' in row ? row.components : []));
    const paged = (embed?.footer?.text ?? '').includes('sources 1–');
    expect(rows.map((row) => row.map((c) => ('label' in c ? c.label : c.type)))).toEqual([[...(paged ? ['More sources'] : []), 'Start a thread', 'Helpful', 'Not helpful'], [3]]);
  });

  it('answers privately (ephemeral, flag 64) when asked to', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION, private: true } }));
    await h.handled(sent.id);
    const [callback] = h.fake.messagesFor(sent.token);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 64 } });
    const message = h.fake.interaction(sent.id)?.original;
    expect(message?.flags).toBe(64);
    expect(quotesIn(message?.embeds[0]?.description ?? '').length).toBeGreaterThan(0);
    const labels = JSON.stringify(message?.components);
    expect(labels).not.toContain('Post to thread'); // an ephemeral message cannot start a thread
    expect(h.fake.channelMessages(sent.payload.channel.id)).toEqual([]); // nothing public
  });

  it('says plainly that the documents do not answer, with no citation', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: UNANSWERABLE } }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'no-answer' });
    const embed = h.fake.interaction(sent.id)?.original?.embeds[0];
    expect(embed?.description).toMatch(/^The documents don't answer this question/u);
    expect(quotesIn(embed?.description ?? '')).toEqual([]);
    expect(JSON.stringify(h.fake.interaction(sent.id)?.original?.components)).not.toContain('ask:ctx');
  });

  it('marks with "…" each end where a quote stops short of its sentence', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'outer space weapons treaty' } }));
    await h.handled(sent.id);
    const quotes = quotesIn(h.fake.interaction(sent.id)?.original?.embeds[0]?.description ?? '');
    expect(quotes.length).toBeGreaterThan(0);
    const text = bot.test.seedText;
    for (const { quote, cutBefore, cutAfter } of quotes) {
      const at = text.indexOf(quote);
      expect(at).toBeGreaterThanOrEqual(0);
      const before = text.slice(0, at).trimEnd();
      const startsSentence = before === '' || /[.!?]["”’]*$|\n$/u.test(text.slice(0, at).replace(/[ \t]+$/u, ''));
      const endsSentence = /[.!?]["”’]*$/u.test(quote);
      expect({ quote, cutBefore, cutAfter }).toEqual({ quote, cutBefore: !startsSentence, cutAfter: !endsSentence });
    }
    expect(quotes.some((q) => q.cutBefore || q.cutAfter)).toBe(true); // the seed has sentences cut to clauses
  });

  it('links each citation to its lines when DOCUMENT_URL_TEMPLATE is set', async () => {
    const h = await bot.start({ env: { DOCUMENT_URL_TEMPLATE: 'https://github.com/org/docs/blob/main/{path}#L{lineStart}-L{lineEnd}' } });
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    await h.handled(sent.id);
    const quotes = quotesIn(h.fake.interaction(sent.id)?.original?.embeds[0]?.description ?? '');
    expect(quotes.length).toBeGreaterThan(0);
    for (const { place } of quotes) {
      const link = /· \[paragraph \d+, lines? (\d+)(?:–(\d+))?\]\((.+)\)$/u.exec(place);
      expect(link, place).not.toBeNull();
      const [, from, to] = link ?? [];
      expect(link?.[3]).toBe(`https://github.com/org/docs/blob/main/${SEED_FILE}#L${from}-L${to ?? from}`);
    }
  });

  it('offers the documents in autocomplete and restricts the search to the one picked', async () => {
    const h = await bot.start();
    const typing = await h.fake.sendInteraction(
      autocomplete({ name: 'ask', focused: 'document', options: { question: QUESTION, document: 'dusha' } }),
    );
    await h.handled(typing.id);
    expect(h.fake.interaction(typing.id)?.choices).toEqual([
      { name: `CSTO Dushanbe declaration (${SEED_FILE})`, value: SEED_FILE },
    ]);
    const none = await h.fake.sendInteraction(
      autocomplete({ name: 'ask', focused: 'document', options: { question: QUESTION, document: 'zzz' } }),
    );
    await h.handled(none.id);
    expect(h.fake.interaction(none.id)?.choices).toEqual([]);

    const sent = await h.fake.sendInteraction(
      chatInput({ name: 'ask', options: { question: QUESTION, document: SEED_FILE } }),
    );
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'answered' });
    const embed = h.fake.interaction(sent.id)?.original?.embeds[0];
    expect(embed?.footer?.text).toContain('only in CSTO Dushanbe declaration');

    const unknown = await h.fake.sendInteraction(
      chatInput({ name: 'ask', options: { question: QUESTION, document: 'no-such-file.md' } }),
    );
    expect(await h.handled(unknown.id)).toMatchObject({ outcome: 'unknown-document' });
    expect(h.fake.callbacksFor(unknown.id)[0]?.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('no indexed document called "no-such-file.md"') },
    });
  });

  it('leaves mentions, channels, emoji and timestamps out of the question', async () => {
    const h = await bot.start();
    const marked = '<@123> <@&456> <#789> @here what did CSTO say about terrorism <:pepe:123456789012345678> <a:wave:42> <t:1700000000:R>';
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: marked } }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'answered' });
    const embed = h.fake.interaction(sent.id)?.original?.embeds[0];
    expect(embed?.title).toBe('what did CSTO say about terrorism');
    expect(quotesIn(embed?.description ?? '')[0]?.quote).toContain('terrorism');

    const onlyMarkup = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: '@everyone <:pepe:123456789012345678>' } }));
    expect(await h.handled(onlyMarkup.id)).toMatchObject({ outcome: 'empty-question' });
    expect(h.fake.callbacksFor(onlyMarkup.id)[0]?.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('nothing to search for once mentions') },
    });
  });

  it("restricted to one document: the footer counts that document's passages; no more quotes than one document gives", async () => {
    const real = bot.test.engine;
    // The seed index holds one document; here it is reported as one of several, holding 4 of the passages.
    const engine: Engine = { ...real, documents: () => real.documents().map((doc) => ({ ...doc, passages: 4 })) };
    const h = await bot.start({ engine, settings: { perDocument: 2 } });
    const sent = await h.fake.sendInteraction(
      chatInput({ name: 'ask', options: { question: 'what did CSTO say about terrorism', document: SEED_FILE } }),
    );
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'answered' });
    const embed = h.fake.interaction(sent.id)?.original?.embeds[0];
    expect(embed?.footer?.text).toBe('Searched 4 passages · only in CSTO Dushanbe declaration · index built');
    expect(quotesIn(embed?.description ?? '')).toHaveLength(2);
  });

  it('refuses a question the engine rejects, privately, with its reason', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'bad \u0007 bell' } }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'refused-question' });
    const [, remove, followUp] = h.fake.messagesFor(sent.token);
    expect(remove?.method).toBe('DELETE');
    expect(followUp?.body).toMatchObject({ flags: 64, content: expect.stringContaining('control characters') });
  });
});

describe('"Find in documents" (message context menu)', () => {
  it("searches for the message's text and answers ephemerally", async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(
      messageContextMenu({ name: 'Find in documents', targetMessage: { content: `hey <@123> ${QUESTION}` } }),
    );
    expect(await h.handled(sent.id)).toMatchObject({ command: 'Find in documents', outcome: 'answered' });
    expect(h.fake.messagesFor(sent.token)[0]?.body).toEqual({ type: 5, data: { flags: 64 } });
    const message = h.fake.interaction(sent.id)?.original;
    expect(message?.flags).toBe(64);
    for (const { quote } of quotesIn(message?.embeds[0]?.description ?? '')) expect(bot.test.seedText).toContain(quote);

    const empty = await h.fake.sendInteraction(messageContextMenu({ name: 'Find in documents', targetMessage: { content: '  ' } }));
    expect(await h.handled(empty.id)).toMatchObject({ outcome: 'empty-message' });
  });
});

describe('/quote and /sources', () => {
  it('posts a passage publicly and verbatim, by line or by match', async () => {
    const h = await bot.start();
    const byLine = await h.fake.sendInteraction(chatInput({ name: 'quote', options: { document: SEED_FILE, line: 3 } }));
    expect(await h.handled(byLine.id)).toMatchObject({ outcome: 'quoted' });
    const message = h.fake.interaction(byLine.id)?.original;
    expect(isEphemeral(message?.flags)).toBe(false);
    const [quoted] = quotesIn(message?.embeds[0]?.description ?? '');
    expect(seedLines()[2]).toContain(quoted?.quote);
    expect(quoted?.place).toMatch(/^\*\*CSTO Dushanbe declaration\*\* · paragraph \d+, line 3$/u);

    const byMatch = await h.fake.sendInteraction(
      chatInput({ name: 'quote', options: { document: SEED_FILE, match: 'arms race in outer space' } }),
    );
    await h.handled(byMatch.id);
    const [matched] = quotesIn(h.fake.interaction(byMatch.id)?.original?.embeds[0]?.description ?? '');
    expect(matched?.quote).toContain('arms race in outer space');
    expect(bot.test.seedText).toContain(matched?.quote);

    const missing = await h.fake.sendInteraction(chatInput({ name: 'quote', options: { document: SEED_FILE, line: 999 } }));
    expect(await h.handled(missing.id)).toMatchObject({ outcome: 'not-found' });
    expect(h.fake.interaction(missing.id)?.original).toBeNull(); // the public "thinking…" was removed
    expect(h.fake.interaction(missing.id)?.followUps[0]).toMatchObject({ flags: 64, content: expect.stringContaining('no line 999') });
  });

  it('refuses /quote with both line and match, saying which is which', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'quote', options: { document: SEED_FILE, line: 3, match: 'outer space' } }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'refused-options' });
    expect(h.fake.callbacksFor(sent.id)[0]?.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: 'Give either `line` (the passage holding that line) or `match` (the passage matching those words), not both.' },
    });
    expect(h.fake.channelMessages(sent.payload.channel.id)).toEqual([]);
  });

  it('pages /sources when there are many documents', async () => {
    const real = bot.test.engine;
    const many = Array.from({ length: 45 }, (_, i) => ({ source: `doc-${String(i).padStart(2, '0')}.md`, title: `Doc ${String(i).padStart(2, '0')}`, passages: i + 1 }));
    const h = await bot.start({ engine: { ...real, documents: () => many } });
    const sent = await h.fake.sendInteraction(chatInput({ name: 'sources' }));
    await h.handled(sent.id);
    const first = h.fake.interaction(sent.id)?.original;
    expect(first?.embeds[0]?.description?.split('\n')).toHaveLength(20);
    expect(first?.embeds[0]?.footer?.text).toMatch(/^page 1 of 3 · /u);
    expect(JSON.stringify(first?.components)).toContain('"custom_id":"sources:page:1"');
    const pressed = await h.fake.sendInteraction(button({ customId: 'sources:page:2', message: first ?? undefined, channelId: first?.channel_id }));
    expect(await h.handled(pressed.id)).toMatchObject({ command: 'button:sources:page', outcome: 'page' });
    const body = h.fake.callbacksFor(pressed.id)[0]?.body as { type: number; data: { embeds: Array<{ description: string; footer: { text: string } }> } };
    expect(body.type).toBe(7);
    expect(body.data.embeds[0]?.description.split('\n')).toEqual(many.slice(40).map((d) => `• **${d.title}** — ${d.source} · ${d.passages} passages`));
    expect(body.data.embeds[0]?.footer.text).toMatch(/^page 3 of 3 · /u);
  });

  it('/help explains every command, privately', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'help' }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'help' });
    const body = h.fake.callbacksFor(sent.id)[0]?.body as { type: number; data: { flags: number; embeds: Array<{ description: string }> } };
    expect(body).toMatchObject({ type: 4, data: { flags: 64 } });
    for (const command of commands) {
      const name = command.kind === 'slash' ? `**/${command.data.name}**` : `**${command.data.name}**`;
      expect(body.data.embeds[0]?.description).toContain(name);
    }
  });

  it('lists the indexed documents with passage counts and when the index was built', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'sources' }));
    await h.handled(sent.id);
    const message = h.fake.interaction(sent.id)?.original;
    expect(message?.flags).toBe(64);
    const passages = bot.test.engine.documents()[0]?.passages;
    expect(message?.embeds[0]).toMatchObject({
      title: 'Indexed documents (1)',
      description: `• **CSTO Dushanbe declaration** — ${SEED_FILE} · ${passages} passages`,
      footer: { text: expect.stringMatching(/passages · model .* · index built$/u) },
      timestamp: bot.test.engine.info().builtAt,
    });
  });
});
