import { readFileSync } from 'node:fs';
import { ChannelType, PermissionFlagsBits, type APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, button, chatInput, selectMenu, type SentInteraction } from '../fake-discord/index.ts';
import { exportHelpful } from '../../bot/feedback-export.ts';
import { evaluate, parseEvalFile } from '../../retrieval/evaluate.ts';
import {
  botTests,
  type Harness,
  isEphemeral,
  messageBodies,
  quotesIn,
  unescapeMarkdown,
} from './harness.ts';

const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';
const CHANNEL = DEFAULT_WORLD.guild?.channels[0]?.id ?? '';

const bot = botTests((h) => {
  expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
});

function customIds(message: APIMessage | null | undefined): string[] {
  return (message?.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : [],
  );
}

function idStartingWith(message: APIMessage | null | undefined, prefix: string): string {
  const id = customIds(message).find((candidate) => candidate.startsWith(prefix));
  if (!id) throw new Error(`no button ${prefix}… in ${JSON.stringify(customIds(message))}`);
  return id;
}

/** Asks, waits for the answer; returns the answer message as users see it. */
async function askAndWait(harness: Harness, spec: Parameters<typeof chatInput>[0]): Promise<{ sent: SentInteraction; message: APIMessage }> {
  const sent = await harness.fake.sendInteraction(chatInput(spec));
  await harness.handled(sent.id);
  const message = harness.fake.interaction(sent.id)?.original;
  if (!message) throw new Error('no answer');
  return { sent, message };
}

async function press(harness: Harness, customId: string, message: APIMessage, actor: Partial<Parameters<typeof button>[0]> = {}) {
  const sent = await harness.fake.sendInteraction(button({ customId, message, channelId: message.channel_id, ...actor }));
  const log = await harness.handled(sent.id);
  return { sent, log, callback: harness.fake.callbacksFor(sent.id)[0] };
}

describe('answer buttons', () => {
  it('"More sources" pages through the citations in place', async () => {
    const h = await bot.start({ settings: { perPage: 1 } });
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const first = quotesIn(message.embeds[0]?.description ?? '');
    expect(first).toHaveLength(1);
    const more = idStartingWith(message, 'ask:more:1:');
    const { log, callback } = await press(h, more, message);
    expect(log).toMatchObject({ command: 'button:ask:more', outcome: 'page' });
    expect(callback?.body).toMatchObject({ type: 7, data: { allowed_mentions: { parse: [] } } });
    const paged = h.fake.channelMessages(CHANNEL).find((m) => m.id === message.id);
    const second = quotesIn(paged?.embeds[0]?.description ?? '');
    expect(second).toHaveLength(1);
    expect(second[0]?.place).toMatch(/^`\[2\]`/u);
    expect(second[0]?.quote).not.toBe(first[0]?.quote);
    expect(bot.test.seedText).toContain(second[0]?.quote);
    expect(customIds(paged)).toContain(more.replace(':more:1:', ':more:0:')); // "Previous"
    expect(paged?.embeds[0]?.footer?.text).toMatch(/sources 2–2 of \d+/u);

    const outOfRange = await press(h, more.replace(':more:1:', ':more:99:'), message);
    expect(outOfRange.log).toMatchObject({ outcome: 'invalid-button' });
  });

  it('"Show context" (a menu over the page\'s quotes) shows the whole paragraph privately, the quote in bold', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const [cited] = quotesIn(message.embeds[0]?.description ?? '');
    const menuId = idStartingWith(message, 'ask:ctx:0:');
    const sent = await h.fake.sendInteraction(selectMenu({ customId: menuId, values: ['0'], message, channelId: message.channel_id }));
    expect(await h.handled(sent.id)).toMatchObject({ command: 'menu:ask:ctx', outcome: 'context' });
    const callback = h.fake.callbacksFor(sent.id)[0];
    const data = (callback?.body as { type: number; data: { flags: number; embeds: Array<{ title: string; description: string; footer: { text: string } }> } });
    expect(data.type).toBe(4);
    expect(isEphemeral(data.data.flags)).toBe(true);
    const embed = data.data.embeds[0];
    expect(embed?.title).toBe('Context: CSTO Dushanbe declaration');
    const bold = /\*\*(.+?)\*\*/u.exec(embed?.description ?? '')?.[1] ?? '';
    expect(unescapeMarkdown(bold)).toBe(cited?.quote);
    const paragraph = unescapeMarkdown(embed?.description.replaceAll('**', '') ?? '');
    expect(bot.test.seedText).toContain(paragraph);
    expect(embed?.footer.text).toMatch(/^CSTO-Dushanbe-declaration\.txt · paragraph \d+, line \d+$/u);

    for (const values of [['9'], ['x'], []]) {
      const bad = await h.fake.sendInteraction(selectMenu({ customId: menuId, values, message, channelId: message.channel_id }));
      expect(await h.handled(bad.id)).toMatchObject({ outcome: 'invalid-button' });
    }
    const asButton = await press(h, menuId, message);
    expect(asButton.log).toMatchObject({ outcome: 'invalid-button' });
  });

  it('"Start a thread" starts one thread on the answer, once, posts nothing more, and leaves the answer', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const thread = idStartingWith(message, 'ask:thread:0:');
    const { log, callback } = await press(h, thread, message);
    expect(log).toMatchObject({ outcome: 'thread-started' });
    expect(callback?.body).toEqual({ type: 6 }); // the press updates the answer itself
    expect(h.fake.threads).toMatchObject([{ id: message.id, name: QUESTION, parent_id: CHANNEL }]);
    expect(h.fake.channelMessages(message.id)).toEqual([]); // the answer opens the thread; nothing is repeated
    const answer = h.fake.channelMessages(CHANNEL).find((m) => m.id === message.id);
    expect(customIds(answer).some((id) => id.startsWith('ask:thread:'))).toBe(false);
    expect(answer?.embeds).toEqual(message.embeds);

    // A second press (from a screen not yet refreshed, or by someone else) only points at it.
    const again = await press(h, thread, message, { user: DEFAULT_WORLD.users.admin });
    expect(again.log).toMatchObject({ outcome: 'thread-exists' });
    expect(again.callback?.body).toMatchObject({ type: 4, data: { flags: 64, content: `This answer already has a thread: <#${message.id}>.` } });
    expect(h.fake.threads).toHaveLength(1);
    expect(h.fake.channelMessages(message.id)).toEqual([]);
  });

  it('"Start a thread" is offered only where a thread can be started', async () => {
    const h = await bot.start({ settings: { rateLimit: { max: 100, windowMs: 1000 } } });
    const { CreatePublicThreads, ViewChannel, SendMessages, EmbedLinks } = PermissionFlagsBits;
    const cases: Array<[string, Partial<Parameters<typeof chatInput>[0]>]> = [
      ['in a thread', { channelId: '300000000000000009', channelType: ChannelType.PublicThread }],
      ["in a voice channel's chat", { channelId: '300000000000000008', channelType: ChannelType.GuildVoice }],
      ['in a server the bot is not in', { guildId: '200000000000000099' }],
      ['without permission to create threads', { appPermissions: (ViewChannel | SendMessages | EmbedLinks).toString() }],
      ['without permission to talk in threads', { appPermissions: (ViewChannel | SendMessages | CreatePublicThreads).toString() }],
      ['in a DM', { dm: true }],
    ];
    for (const [where, actor] of cases) {
      const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION }, ...actor });
      expect(customIds(message).length, where).toBeGreaterThan(0);
      expect(customIds(message).filter((id) => id.startsWith('ask:thread:')), where).toEqual([]);
    }
  });

  it('"Start a thread" says privately when Discord refuses, and leaves the answer as it was', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    h.fake.failNext({ method: 'POST', pathIncludes: '/threads', status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const { log } = await press(h, idStartingWith(message, 'ask:thread:0:'), message);
    expect(log).toMatchObject({ outcome: 'thread-refused' });
    expect(h.fake.threads).toEqual([]);
    const [followUp] = h.fake.interaction(log['interactionId'] as string)?.followUps ?? [];
    expect(followUp).toMatchObject({ flags: 64, content: "I can't start a thread here (I'm missing a permission)." });
    const answer = h.fake.channelMessages(CHANNEL).find((m) => m.id === message.id);
    expect(customIds(answer)).toEqual(customIds(message));
  });

  it('👍/👎: one vote per member per answer, a changed vote replacing it, each acknowledged privately', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const [up, down] = [idStartingWith(message, 'ask:fb:up:'), idStartingWith(message, 'ask:fb:down:')];
    const acks: unknown[] = [];
    for (const [id, actor] of [[up, {}], [up, {}], [down, {}], [down, { user: DEFAULT_WORLD.users.admin }]] as const) {
      const pressed = await press(h, id, message, actor);
      expect(pressed.callback?.body).toMatchObject({ type: 4, data: { flags: 64 } });
      acks.push([pressed.log['outcome'], (pressed.callback?.body as { data: { content: string } }).data.content]);
    }
    expect(acks).toEqual([
      ['feedback-up', 'Thanks! Your 👍 is recorded.'],
      ['feedback-same', 'You already marked this answer 👍.'],
      ['feedback-changed-down', 'Changed your vote on this answer to 👎.'],
      ['feedback-down', 'Thanks! Your 👎 is recorded. Other words, or /sources, may find a better answer.'],
    ]);
    const lines = readFileSync(h.config.feedbackFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const version = bot.test.engine.info().version;
    expect(lines).toMatchObject([
      { vote: 'down', userId: DEFAULT_WORLD.users.member.id, question: QUESTION, answered: true, indexVersion: version },
      { vote: 'down', userId: DEFAULT_WORLD.users.admin.id, answerId: lines[0]?.['answerId'] },
    ]);
    // Each cited quote with its place: still meaningful once the index has changed.
    const citations = lines[0]?.['citations'] as Array<{ source: string; quote: string; charStart: number; charEnd: number; lineStart: number }>;
    expect(citations.length).toBeGreaterThanOrEqual(quotesIn(message.embeds[0]?.description ?? '').length);
    for (const c of citations) {
      expect(c.source).toBe('CSTO-Dushanbe-declaration.txt');
      expect(bot.test.seedText.slice(c.charStart, c.charEnd)).toBe(c.quote);
    }
  });

  it('👍 answers become questions for `npm run eval` that find the same quote', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const declined = await askAndWait(h, { name: 'ask', options: { question: 'how do I bake sourdough bread?' } });
    await press(h, idStartingWith(message, 'ask:fb:up:'), message);
    await press(h, idStartingWith(declined.message, 'ask:fb:up:'), declined.message);
    const exported = exportHelpful(readFileSync(h.config.feedbackFile, 'utf8'));
    expect(exported).toMatchObject({ helpful: 2, skipped: 0 });
    const cases = parseEvalFile(exported.cases.map((c) => JSON.stringify(c)).join('\n'));
    expect(cases).toEqual([
      { question: QUESTION, expect: { source: 'CSTO-Dushanbe-declaration.txt', quote: expect.any(String) } },
      { question: 'how do I bake sourdough bread?', expect: null },
    ]);
    const report = await evaluate(bot.test.engine, cases, () => bot.test.seedText);
    expect(report).toMatchObject({ hitAt1: 1, abstentionAccuracy: 1 });
  });

  it('refuses forged, malformed, foreign and expired buttons politely', async () => {
    const h = await bot.start({ settings: { answerCache: { max: 1, ttlMs: 60_000 } } });
    const { message: privateAnswer } = await askAndWait(h, { name: 'ask', options: { question: QUESTION, private: true } });
    const context = idStartingWith(privateAnswer, 'ask:ctx:0:');
    const cases: Array<[string, string, Partial<Parameters<typeof button>[0]>]> = [
      ['ask:ctx:0:zzzzzzzzzz', 'expired', {}],
      ['ask:ctx', 'invalid-button', {}],
      ['ask:ctx:0:abc', 'invalid-button', {}],
      ['something:else', 'invalid-button', {}],
      [context, 'invalid-button', { user: DEFAULT_WORLD.users.admin }], // someone else's private answer
    ];
    for (const [customId, outcome, actor] of cases) {
      const { log, callback } = await press(h, customId, privateAnswer, actor);
      expect(log, customId).toMatchObject({ outcome });
      expect(callback?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    }
    // A newer answer pushes the first out of the (size 1) cache.
    await askAndWait(h, { name: 'ask', options: { question: 'arms race in outer space' } });
    const { log, callback } = await press(h, context, privateAnswer);
    expect(log).toMatchObject({ outcome: 'expired' });
    expect(callback?.body).toMatchObject({ data: { content: expect.stringContaining('This answer has expired') } });
  });
});
