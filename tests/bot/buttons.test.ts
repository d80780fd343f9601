import { readFileSync } from 'node:fs';
import { ChannelType, type APIMessage } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, button, chatInput, type SentInteraction } from '../fake-discord/index.ts';
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

  it('"Show context" shows the whole paragraph privately, the quote in bold', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const [cited] = quotesIn(message.embeds[0]?.description ?? '');
    const { log, callback } = await press(h, idStartingWith(message, 'ask:ctx:0:'), message);
    expect(log).toMatchObject({ outcome: 'context' });
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
  });

  it('"Post to thread" starts a thread from the answer, then posts into it again', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const thread = idStartingWith(message, 'ask:thread:0:');
    const { log, sent } = await press(h, thread, message);
    expect(log).toMatchObject({ outcome: 'posted' });
    expect(h.fake.threads).toMatchObject([{ id: message.id, name: QUESTION, parent_id: CHANNEL }]);
    const posted = h.fake.channelMessages(message.id);
    expect(posted).toHaveLength(1);
    const quotes = quotesIn(posted[0]?.embeds[0]?.description ?? '');
    expect(quotes.map((q) => q.quote)).toEqual(quotesIn(message.embeds[0]?.description ?? '').map((q) => q.quote));
    // The thread post went through the bot's own REST (not the interaction webhook), mentions off too.
    const threadPost = messageBodies(h.fake.requests).find(({ request }) => request.path === `/channels/${message.id}/messages`);
    expect(threadPost?.body['allowed_mentions']).toEqual({ parse: [] });
    const note = h.fake.interaction(sent.id)?.original;
    expect(note).toMatchObject({ flags: 64, content: `Posted in <#${message.id}>.` });

    // The answer message already has its thread: a second press posts there.
    const again = await press(h, thread, message);
    expect(again.log).toMatchObject({ outcome: 'posted' });
    expect(h.fake.threads).toHaveLength(1);
    expect(h.fake.channelMessages(message.id)).toHaveLength(2);
  });

  it('"Post to thread" inside a thread posts there, without a new thread', async () => {
    const h = await bot.start();
    const { message: parentAnswer } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    await press(h, idStartingWith(parentAnswer, 'ask:thread:0:'), parentAnswer);
    const thread = h.fake.threads[0];
    expect(thread).toBeDefined();
    const threadId = String(thread?.['id']);

    const asked = chatInput({ name: 'ask', options: { question: 'arms race in outer space' }, channelId: threadId });
    asked.channel = { ...(thread as object), id: threadId, type: ChannelType.PublicThread } as typeof asked.channel;
    await h.fake.sendInteraction(asked);
    await h.handled(asked.id);
    const answer = h.fake.interaction(asked.id)?.original;
    expect(answer?.channel_id).toBe(threadId);

    const sent = await h.fake.sendInteraction(
      (() => {
        const payload = button({ customId: idStartingWith(answer, 'ask:thread:0:'), message: answer ?? undefined, channelId: threadId });
        payload.channel = asked.channel;
        return payload;
      })(),
    );
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'posted' });
    expect(h.fake.threads).toHaveLength(1);
    const inThread = h.fake.channelMessages(threadId);
    expect(inThread.at(-1)?.embeds[0]?.title).toBe('arms race in outer space');
  });

  it('👍 and 👎 append the question, cited passage ids and index version to the feedback file', async () => {
    const h = await bot.start();
    const { message } = await askAndWait(h, { name: 'ask', options: { question: QUESTION } });
    const up = await press(h, idStartingWith(message, 'ask:fb:up:'), message);
    expect(up.callback?.body).toMatchObject({ type: 4, data: { flags: 64 } });
    await press(h, idStartingWith(message, 'ask:fb:down:'), message, { user: DEFAULT_WORLD.users.admin });
    const lines = readFileSync(h.config.feedbackFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const version = bot.test.engine.info().version;
    expect(lines[0]).toMatchObject({ vote: 'up', question: QUESTION, indexVersion: version, answered: true, userId: DEFAULT_WORLD.users.member.id });
    expect(lines[1]).toMatchObject({ vote: 'down', userId: DEFAULT_WORLD.users.admin.id });
    expect((lines[0]?.['passageIds'] as number[]).length).toBeGreaterThan(0);
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
