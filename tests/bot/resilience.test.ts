import { describe, expect, it } from 'vitest';
import type { Engine } from '../../retrieval/engine-types.ts';
import { DEFAULT_WORLD, chatInput, makeUser } from '../fake-discord/index.ts';
import {
  botTests,
  type Harness,
  quotesIn,
} from './harness.ts';

const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';

const bot = botTests();

/** Holds the answer queue until `release()` (answers wait behind it). */
function holdQueue(harness: Harness): { release: () => void; done: Promise<void> } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = harness.bot.services.queue.push(() => gate, { force: true });
  return { release, done };
}

function ephemeralReplyText(harness: Harness, interactionId: string): string {
  const body = harness.fake.callbacksFor(interactionId).at(-1)?.body as { type?: number; data?: { flags?: number; content?: string } };
  expect(body).toMatchObject({ type: 4, data: { flags: 64 } });
  return body.data?.content ?? '';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

describe('load', () => {
  it('limits each user to 5 questions in 30 s, with a friendly ephemeral reply', async () => {
    const h = await bot.start();
    const outcomes: unknown[] = [];
    let last = '';
    for (let i = 0; i < 6; i += 1) {
      const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
      outcomes.push((await h.handled(sent.id))['outcome']);
      last = sent.id;
    }
    expect(outcomes).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'rate-limited']);
    expect(ephemeralReplyText(h, last)).toMatch(/^You're asking quickly \(at most 5 questions every 30 s\)\. Please try again in \d+ s\.$/u);
    const other = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION }, user: DEFAULT_WORLD.users.admin }));
    expect(await h.handled(other.id)).toMatchObject({ outcome: 'answered' });
  });

  it('answers a burst in order, each deferred within 3 s; says "busy" when the queue is full', async () => {
    // The real engine, recording the order it is asked in.
    const asked: string[] = [];
    const engine: Engine = {
      ...bot.test.engine,
      answer: (question, options) => {
        asked.push(question);
        return bot.test.engine.answer(question, options);
      },
    };
    const h = await bot.start({ engine });
    const users = Array.from({ length: 12 }, (_, i) => makeUser(`4100000000000000${String(i).padStart(2, '0')}`, `user${i}`));
    const questions = users.map((_, i) => `${QUESTION} (${i})`);
    const sent = [];
    for (const [i, user] of users.entries()) {
      sent.push(await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: questions[i] ?? '' }, user })));
    }
    const logs = await Promise.all(sent.map((s) => h!.handled(s.id, 10_000)));
    expect(logs.map((log) => log['outcome'])).toEqual(users.map(() => 'answered'));
    expect(asked).toEqual(questions); // FIFO: answered in the order asked
    const latencies: number[] = [];
    for (const s of sent) {
      const [callback, edit] = h.fake.messagesFor(s.token);
      expect((callback?.at ?? Infinity) - s.sentAt).toBeLessThan(3000);
      latencies.push((edit?.response?.at ?? Infinity) - s.sentAt);
    }
    console.log(
      `burst of ${sent.length}: interaction → final reply median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );

    const { queue } = h.bot.services;
    const tickets = [];
    for (let ticket = queue.reserve(); ticket; ticket = queue.reserve()) tickets.push(ticket);
    expect(tickets.length).toBe(50);
    const busy = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION }, user: users[0] }));
    expect(await h.handled(busy.id)).toMatchObject({ outcome: 'busy' });
    expect(ephemeralReplyText(h, busy.id)).toContain("I'm busy");
    for (const ticket of tickets) ticket.release();
  });

  it('measures interaction → final reply latency for single questions', async () => {
    const h = await bot.start({ settings: { rateLimit: { max: 100, windowMs: 1000 } } });
    const latencies: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const s = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: i % 2 ? QUESTION : 'arms race in outer space' } }));
      await h.handled(s.id);
      const edit = h.fake.messagesFor(s.token)[1];
      latencies.push((edit?.response?.at ?? Infinity) - s.sentAt);
    }
    console.log(`single /ask on the fake Discord: interaction → final reply median ${median(latencies).toFixed(1)} ms over 20`);
    expect(median(latencies)).toBeLessThan(1000);
  });
});

describe('failures', () => {
  it('survives a Discord 500 on the defer and on the final edit, and keeps serving', async () => {
    const h = await bot.start();
    h.fake.failNext({ method: 'POST', pathIncludes: '/callback', status: 500 });
    const first = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(first.id)).toMatchObject({ outcome: 'error' });
    // The apology went out as the first response (the 500 consumed nothing).
    expect(ephemeralReplyText(h, first.id)).toContain('Sorry, something went wrong');

    h.fake.failNext({ method: 'PATCH', pathIncludes: '/messages/@original', status: 500 });
    const second = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(second.id)).toMatchObject({ outcome: 'error' });
    expect(h.fake.interaction(second.id)?.original?.content).toContain('Sorry, something went wrong');

    const third = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(third.id)).toMatchObject({ outcome: 'answered' });
    const errors = h.logs.filter((line) => line.msg === 'interaction failed');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ level: 50, command: 'ask', err: { status: 500 } });
  });

  it('logs an interaction that expired before its answer, and keeps serving', async () => {
    const h = await bot.start();
    const hold = holdQueue(h);
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    await h.fake.waitForCallback(sent.id);
    h.fake.expireInteraction(sent.token); // e.g. the 15 minutes ran out while it waited
    hold.release();
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'expired-interaction' });
    expect(h.logs.find((line) => line.msg === 'interaction failed')).toMatchObject({ level: 40, err: { code: 10015 } });
    const next = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(next.id)).toMatchObject({ outcome: 'answered' });
  });

  it('answers politely when the index is broken, and serves again once it is back', async () => {
    let broken = true;
    const engine: Engine = {
      ...bot.test.engine,
      answer: (question, options) =>
        broken ? Promise.reject(new Error('checksum mismatch in passages.json')) : bot.test.engine.answer(question, options),
    };
    const h = await bot.start({ engine });
    const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'error' });
    expect(h.fake.interaction(sent.id)?.original?.content).toContain('Sorry, something went wrong');
    expect(h.logs.find((line) => line.msg === 'interaction failed')).toMatchObject({ err: { message: 'checksum mismatch in passages.json' } });
    broken = false;
    const again = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    expect(await h.handled(again.id)).toMatchObject({ outcome: 'answered' });
  });

  it('keeps answering from the loaded index when a newer one on disk cannot be loaded', async () => {
    const engine: Engine = {
      ...bot.test.engine,
      reloadIfChanged: () => Promise.reject(new Error('passages.json: checksum mismatch')),
    };
    const h = await bot.start({ engine });
    for (let i = 0; i < 2; i += 1) {
      const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
      expect(await h.handled(sent.id)).toMatchObject({ outcome: 'answered' });
    }
    const complaints = h.logs.filter((line) => line.msg === 'a newer index could not be loaded');
    expect(complaints).toHaveLength(1); // once per distinct problem
    expect(complaints[0]).toMatchObject({ serving: bot.test.engine.info().version, err: { message: 'passages.json: checksum mismatch' } });
  });

  it('tells the user about a command it does not know', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'summon' }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'unknown-command' });
    expect(ephemeralReplyText(h, sent.id)).toContain("I don't know that command");
  });
});

describe('shutdown', () => {
  it('stops taking interactions, finishes those in flight, then disconnects', async () => {
    const h = await bot.start();
    const hold = holdQueue(h);
    const inFlight = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    await h.fake.waitForCallback(inFlight.id);
    const stopping = h.bot.stop();
    const late = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION }, user: DEFAULT_WORLD.users.admin }));
    expect(await h.handled(late.id)).toMatchObject({ outcome: 'refused-stopping' });
    expect(ephemeralReplyText(h, late.id)).toContain('restarting');
    expect(h.fake.gatewayConnected).toBe(true);
    hold.release();
    await stopping;
    expect(await h.handled(inFlight.id)).toMatchObject({ outcome: 'answered' });
    expect(quotesIn(h.fake.interaction(inFlight.id)?.original?.embeds[0]?.description ?? '').length).toBeGreaterThan(0);
    expect(h.fake.gatewayConnected).toBe(false);
    expect(h.logs.at(-1)?.msg).toBe('citebot stopped');
  });

  it('gives up waiting after the grace period', async () => {
    const h = await bot.start({ settings: { shutdownGraceMs: 200 } });
    const hold = holdQueue(h);
    const stuck = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    await h.fake.waitForCallback(stuck.id);
    const started = performance.now();
    await h.bot.stop();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(h.logs.some((line) => line.msg === 'shutdown: gave up waiting for interactions in flight')).toBe(true);
    hold.release();
  });
});
