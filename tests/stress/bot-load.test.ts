// Load on the real bot through the fake Discord: 200 /ask from 20 users within 10 s with a /reindex by a
// moderator in the middle (CSTO seed, default settings: 5 questions per 30 s per user, so half are told to wait),
// and memory over 5,000 questions. Prints its figures as markdown tables.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../bot/bot.ts';
import { renderAnswer } from '../../bot/render/answer.ts';
import { LruCache } from '../../bot/util/lru.ts';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { median, percentile, table } from '../bench/measure.ts';
import { messagesWithMentionsOn, startHarness, type TestEngine } from '../bot/harness.ts';
import { DEFAULT_WORLD, chatInput, makeUser, type SentInteraction } from '../fake-discord/index.ts';
import { PROJECT_ROOT, SEED_FILE, engineOptions, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const QUESTIONS = readFileSync(join(PROJECT_ROOT, 'tests/eval/seed.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { question: string }).question);

const ms = (value: number): string => `${value.toFixed(1)} ms`;

let test: TestEngine;

beforeAll(async () => {
  const seedsDir = tempSeeds({}, true);
  const options = engineOptions(seedsDir);
  const engine = await openOrBuildEngine({ ...options, log: () => undefined });
  const dir = tempDir();
  test = {
    engine,
    dir,
    seedsDir,
    indexDir: options.indexDir,
    seedText: readFileSync(join(seedsDir, SEED_FILE), 'utf8'),
    async close() {
      await engine.close();
      for (const path of [dir, seedsDir, options.indexDir]) rmSync(path, { recursive: true, force: true });
    },
  };
});
afterAll(async () => {
  await test?.close();
});

describe('load through the fake Discord', () => {
  it('200 /ask from 20 users within 10 s, /reindex in the middle: all acknowledged within 3 s, answered or told to wait', async () => {
    const h = await startHarness(test, { rest: { retries: DefaultRestOptions.retries, timeout: DefaultRestOptions.timeout } });
    try {
      writeFileSync(join(test.seedsDir, 'load-note.md'), '# Load note\n\nThe night ferry to the island leaves at eleven.\n');
      const users = Array.from({ length: 20 }, (_, i) => makeUser(`43000000000000${String(i).padStart(4, '0')}`, `load${i}`));
      const sent: SentInteraction[] = [];
      let reindex: SentInteraction | undefined;
      const start = performance.now();
      for (let i = 0; i < 200; i += 1) {
        await sleep(Math.max(0, start + i * 45 - performance.now())); // one every 45 ms: the last at 8.96 s, leaving room for a busy machine
        if (i === 100) reindex = await h.fake.sendInteraction(chatInput({ name: 'reindex', options: { full: true }, user: DEFAULT_WORLD.users.admin }));
        const question = QUESTIONS[i % QUESTIONS.length] ?? '';
        sent.push(await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question }, user: users[i % users.length] })));
      }
      const spanMs = (sent.at(-1)?.sentAt ?? 0) - (sent[0]?.sentAt ?? 0);
      const logs = await Promise.all(sent.map((s) => h.handled(s.id, 60_000)));
      const reindexLog = await h.handled(reindex?.id ?? '', 120_000);

      const outcomes = new Map<string, number>();
      for (const log of logs) outcomes.set(String(log['outcome']), (outcomes.get(String(log['outcome'])) ?? 0) + 1);
      const first: number[] = [];
      const final = { answered: [] as number[], waited: [] as number[] };
      sent.forEach((s, i) => {
        const requests = h.fake.messagesFor(s.token);
        first.push((requests[0]?.at ?? Infinity) - s.sentAt);
        const last = (requests.at(-1)?.response?.at ?? Infinity) - s.sentAt;
        (logs[i]?.['outcome'] === 'rate-limited' ? final.waited : final.answered).push(last);
      });
      const count = (outcome: string): number => outcomes.get(outcome) ?? 0;
      const failed = sent.length - count('answered') - count('no-answer') - count('rate-limited') - count('busy');
      const reindexDone = h.logs.find((line) => line.msg === 'reindex done');
      console.log(`\n/ask load: ${sent.length} interactions from ${users.length} users over ${(spanMs / 1000).toFixed(2)} s, /reindex (full) by a moderator after #100\n`);
      console.log(
        table([
          ['answered with quotes', String(count('answered')), ''],
          ['answered: documents do not say', String(count('no-answer')), ''],
          ['told to wait: rate limit (5 per 30 s per user)', String(count('rate-limited')), '~100 (expected)'],
          ['told to wait: queue full', String(count('busy')), ''],
          ['failed', String(failed), '0'],
          ['first response (sent → callback arrives) median', ms(median(first)), ''],
          ['first response p95', ms(percentile(first, 0.95)), ''],
          ['first response max', ms(Math.max(...first)), '< 3000 ms'],
          ['final reply, answered: median', ms(median(final.answered)), ''],
          ['final reply, answered: p95', ms(percentile(final.answered, 0.95)), ''],
          ['final reply, answered: max', ms(Math.max(...final.answered)), ''],
          ['final reply, told to wait: median', ms(median(final.waited)), ''],
          ['final reply, told to wait: p95', ms(percentile(final.waited, 0.95)), ''],
          ['final reply, all: median', ms(median([...final.answered, ...final.waited])), ''],
          ['final reply, all: p95', ms(percentile([...final.answered, ...final.waited], 0.95)), ''],
          ['/reindex', `${String(reindexLog['outcome'])} in ${(Number(reindexLog['latencyMs']) / 1000).toFixed(1)} s, ${String(reindexDone?.['passages'])} passages`, 'reindexed'],
        ]),
      );

      expect(spanMs).toBeLessThan(10_000);
      expect(failed).toBe(0);
      expect(Math.max(...first)).toBeLessThan(3000);
      expect(count('rate-limited')).toBeGreaterThan(0);
      expect(count('answered')).toBeGreaterThan(0);
      expect(reindexLog).toMatchObject({ outcome: 'reindexed' });
      for (const s of sent) {
        const state = h.fake.interaction(s.id);
        const shown = state?.original;
        if (shown?.embeds.length) continue; // an answer
        expect(shown?.content).toMatch(/^(You're asking quickly|I'm busy)/u);
      }
      expect(h.fake.requests.filter((request) => (request.response?.status ?? 0) >= 400)).toEqual([]);
      expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
      expect(messagesWithMentionsOn(h.fake.requests)).toEqual([]);
      expect(h.clientErrors).toEqual([]);
      expect(h.fake.internalErrors).toEqual([]);
      // The reindexed document is served afterwards.
      const after = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'when does the night ferry leave' }, user: makeUser('430000000000009999', 'late') }));
      expect(await h.handled(after.id)).toMatchObject({ outcome: 'answered' });
      expect(h.fake.interaction(after.id)?.original?.embeds[0]?.description).toContain('night ferry');
    } finally {
      await h.close();
    }
  });
});

describe('memory', () => {
  it('stays bounded over 5,000 questions (engine.answer, the renderer, the cache of recent answers)', async () => {
    const words = test.seedText.split(/\s+/u).filter((word) => word.length > 3);
    const cache = new LruCache<unknown>(DEFAULT_SETTINGS.answerCache.max, DEFAULT_SETTINGS.answerCache.ttlMs);
    const question = (i: number): string => {
      const base = QUESTIONS[i % QUESTIONS.length] ?? '';
      return `${base} ${words[(i * 7919) % words.length]} ${words[(i * 104_729) % words.length]} #${i}`.slice(0, 500);
    };
    const ask = async (i: number): Promise<boolean> => {
      const answer = await test.engine.answer(question(i), { limit: 9, perDocument: 6 });
      const key = i.toString(36).padStart(10, '0');
      cache.set(key, { answer, payload: renderAnswer({ question: question(i), answer, page: 0, perPage: 3, key, canThread: true }) });
      return answer.answered;
    };
    for (let i = 0; i < 200; i += 1) await ask(i); // warm up: caches, JIT
    const before = process.memoryUsage();
    const started = performance.now();
    let answered = 0;
    for (let i = 0; i < 5000; i += 1) if (await ask(200 + i)) answered += 1;
    const seconds = (performance.now() - started) / 1000;
    const after = process.memoryUsage();
    const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const growth = after.rss - before.rss;
    console.log(`\nmemory over 5,000 questions (${answered} answered, ${(5000 / seconds).toFixed(0)} questions/s; answer cache ${cache.size} entries)\n`);
    console.log(
      table([
        ['resident memory (rss) at start', mb(before.rss), ''],
        ['resident memory (rss) at end', mb(after.rss), ''],
        ['rss growth', mb(growth), '< 150 MB'],
        ['heap used at start', mb(before.heapUsed), ''],
        ['heap used at end', mb(after.heapUsed), ''],
      ]),
    );
    expect(growth).toBeLessThan(150 * 1024 * 1024);
  });
});
