// Discord misbehaving, against the fake, with the REST options the bot really runs with (3 retries, 15 s timeout):
// 429s with retry-after, 500s, an interaction token that expires during /reindex, a gateway that asks to
// reconnect or drops, a slow REST server. Each time the bot keeps serving (the next /ask is answered with quotes)
// and each fault leaves exactly one log line. (tests/bot/resilience.test.ts covers the same with retries off.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultRestOptions } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, chatInput, makeUser, type SentInteraction } from '../fake-discord/index.ts';
import {
  botTests,
  type Harness,
  type LogLine,
  quotesIn,
} from '../bot/harness.ts';

const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';
const REAL_REST = { retries: DefaultRestOptions.retries, timeout: DefaultRestOptions.timeout };
const SETTINGS = { rateLimit: { max: 1000, windowMs: 1000 } };

const bot = botTests((h) => {
  // No interaction token ever reaches the logs.
  expect(JSON.stringify(h.logs)).not.toMatch(/fake_itoken_/u);
});

let users = 0;
/** Asks from a fresh user; resolves once the bot has handled it. */
async function ask(harness: Harness, question = QUESTION): Promise<{ sent: SentInteraction; log: LogLine }> {
  users += 1;
  const user = makeUser(`42000000000000${String(users).padStart(4, '0')}`, `asker${users}`);
  const sent = await harness.fake.sendInteraction(chatInput({ name: 'ask', options: { question }, user }));
  return { sent, log: await harness.handled(sent.id, 20_000) };
}

/** The next /ask is answered, with quotes from the seed. */
async function expectServing(harness: Harness): Promise<void> {
  const { sent, log } = await ask(harness);
  expect(log).toMatchObject({ outcome: 'answered' });
  const quotes = quotesIn(harness.fake.interaction(sent.id)?.original?.embeds[0]?.description ?? '');
  expect(quotes.length).toBeGreaterThan(0);
  for (const { quote } of quotes) expect(bot.test.seedText).toContain(quote);
}

/** Log lines at warn or above, as [level, msg], leaving out nothing. */
function problems(harness: Harness): Array<[number, string]> {
  return harness.logs.filter((line) => line.level >= 40).map((line) => [line.level, line.msg]);
}

const RATE_LIMITED: [number, string] = [40, 'Discord rate limit; retrying after the wait'];
const RETRYING: [number, string] = [40, 'Discord server error; retrying'];

describe('REST faults', () => {
  it('429 with retry-after, on the first response and on the final edit: waits, retries, answers; one warning each', async () => {
    const h = await bot.start({ rest: REAL_REST, settings: SETTINGS });
    h.fake.failNext({ method: 'POST', pathIncludes: '/callback', status: 429, retryAfterSeconds: 0.3 });
    const first = await ask(h);
    expect(first.log).toMatchObject({ outcome: 'answered' });
    const [limited, callback] = h.fake.messagesFor(first.sent.token);
    expect(limited?.response?.status).toBe(429);
    expect((callback?.at ?? 0) - (limited?.response?.at ?? Infinity)).toBeGreaterThanOrEqual(290); // waited retry-after
    expect((callback?.at ?? Infinity) - first.sent.sentAt).toBeLessThan(3000);
    expect(problems(h)).toEqual([RATE_LIMITED]);
    expect(h.logs.find((line) => line.msg === RATE_LIMITED[1])).toMatchObject({ route: '/interactions/:id/:token/callback', retryAfter: '0.3' });

    h.fake.failNext({ method: 'PATCH', pathIncludes: '/messages/@original', status: 429, retryAfterSeconds: 0.2 });
    expect((await ask(h)).log).toMatchObject({ outcome: 'answered' });
    expect(problems(h)).toEqual([RATE_LIMITED, RATE_LIMITED]);
    // A global limit: every request waits, then all goes on.
    const global = { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' };
    h.fake.failNext({ method: 'PATCH', pathIncludes: '/messages/@original', status: 429, retryAfterSeconds: 0.2, headers: global });
    expect((await ask(h)).log).toMatchObject({ outcome: 'answered' });
    expect(h.logs.filter((line) => line.msg === RATE_LIMITED[1]).map((line) => line['scope'])).toEqual(['user', 'user', 'global']);
    await expectServing(h);
    expect(problems(h)).toHaveLength(3);
  });

  it('500s: one is retried unseen by the user; when every retry fails the user is told, and each failure is logged once', async () => {
    const h = await bot.start({ rest: REAL_REST, settings: SETTINGS });
    h.fake.failNext({ method: 'PATCH', pathIncludes: '/messages/@original', status: 500 });
    expect((await ask(h)).log).toMatchObject({ outcome: 'answered' });
    expect(problems(h)).toEqual([RETRYING]);

    // The first response fails 4 times (the try and 3 retries): the handler fails, the apology goes out.
    h.fake.failNext({ method: 'POST', pathIncludes: '/callback', status: 500, times: 4 });
    const failed = await ask(h);
    expect(failed.log).toMatchObject({ outcome: 'error' });
    const callbacks = h.fake.callbacksFor(failed.sent.id);
    expect(callbacks.map((request) => request.response?.status)).toEqual([500, 500, 500, 500, 204]);
    expect(callbacks.at(-1)?.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Sorry, something went wrong') } });
    expect(problems(h)).toEqual([RETRYING, RETRYING, RETRYING, RETRYING, [50, 'interaction failed']]); // 1 earlier + 3 retries
    expect(h.logs.find((line) => line.msg === 'interaction failed')).toMatchObject({
      err: { status: 500, url: expect.stringContaining('/interactions/') },
    });
    await expectServing(h);
    expect(problems(h)).toHaveLength(5);
  });

  it('a slow REST server (1 s per request): first responses still arrive within 3 s, answers follow, nothing is logged', async () => {
    const h = await bot.start({ rest: REAL_REST, settings: SETTINGS });
    h.fake.setDelay(1000);
    const slow = await Promise.all(Array.from({ length: 5 }, () => ask(h!)));
    for (const { sent, log } of slow) {
      expect(log).toMatchObject({ outcome: 'answered' });
      const [callback, edit] = h.fake.messagesFor(sent.token);
      expect((callback?.at ?? Infinity) - sent.sentAt).toBeLessThan(3000); // Discord stamps arrival, not our answer
      expect((edit?.response?.at ?? 0) - sent.sentAt).toBeGreaterThanOrEqual(2000); // two slow round trips
    }
    h.fake.setDelay(0);
    await expectServing(h);
    expect(problems(h)).toEqual([]);
  });
});

describe('an interaction token that expires', () => {
  it('during /reindex: the reindex still completes and is loaded, the lost reply is logged once, the bot keeps serving', async () => {
    const h = await bot.start({ settings: { ...SETTINGS, progressEditMs: 60_000 } });
    writeFileSync(join(bot.test.seedsDir, 'expiry.md'), '# Expiry\n\nThe harbour master inspects the lighthouse lamps every spring.\n');
    const sent = await h.fake.sendInteraction(chatInput({ name: 'reindex', user: DEFAULT_WORLD.users.admin }));
    await h.fake.waitForRequest((request) => request.interactionToken === sent.token && request.method === 'PATCH'); // "started"
    h.fake.expireInteraction(sent.token); // e.g. a reindex that outlives the 15 minutes
    expect(await h.handled(sent.id, 30_000)).toMatchObject({ outcome: 'expired-interaction' });
    // One edit met the expired token (a progress edit, or the final one if the indexer was quick); none after it.
    const edits = h.fake.messagesFor(sent.token).filter((request) => request.method === 'PATCH');
    expect(edits.map((request) => request.response?.status)).toEqual([200, 404]);
    const warned = h.logs.filter((line) => line.level >= 40);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ level: 40, msg: expect.stringMatching(/^(reindex progress edit failed|interaction failed)$/u), err: { code: 10015 } });
    expect(h.logs.find((line) => line.msg === 'reindex done')).toMatchObject({ added: 1 });
    const lighthouse = await ask(h, 'when are the lighthouse lamps inspected');
    expect(lighthouse.log).toMatchObject({ outcome: 'answered' });
    expect(h.fake.interaction(lighthouse.sent.id)?.original?.embeds[0]?.description).toContain('lighthouse lamps');
    await expectServing(h);
  });
});

describe('the gateway', () => {
  it('asks to RECONNECT, then drops: the bot resumes, answers what came meanwhile, logs each once', async () => {
    const h = await bot.start({ rest: REAL_REST, settings: SETTINGS });
    await h.fake.requestReconnect();
    const during = ask(h); // dispatched while the client is away: replayed on RESUME
    expect((await during).log).toMatchObject({ outcome: 'answered' });
    expect(problems(h)).toEqual([[40, 'gateway connection closed; reconnecting']]);
    expect(h.logs.filter((line) => line.msg === 'gateway resumed')).toMatchObject([{ replayed: expect.any(Number) }]);

    await h.fake.dropConnection();
    await expectServing(h);
    expect(problems(h)).toEqual([
      [40, 'gateway connection closed; reconnecting'],
      [40, 'gateway connection closed; reconnecting'],
    ]);
    expect(h.logs.filter((line) => line.msg === 'gateway resumed')).toHaveLength(2);
    expect(h.fake.gatewayReceived.filter((frame) => frame.op === 2)).toHaveLength(1); // resumed, never re-identified
  });

  it('stops acknowledging heartbeats (a zombie connection): the bot reconnects and resumes', async () => {
    const h = await bot.start({ settings: SETTINGS, fake: { heartbeatIntervalMs: 250 } });
    h.fake.setHeartbeatAck(false);
    const reconnecting = Date.now();
    while (!h.logs.some((line) => line.msg === 'gateway resumed')) {
      if (Date.now() - reconnecting > 10_000) throw new Error('the bot did not resume');
      if (h.logs.some((line) => line.msg === 'gateway connection closed; reconnecting')) h.fake.setHeartbeatAck(true);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await expectServing(h);
    expect(problems(h)).toEqual([[40, 'gateway connection closed; reconnecting']]);
  });
});
