// Test harness: the real engine over a temp copy of the seeds, the real bot, a fake Discord on 127.0.0.1.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageFlags, type RESTOptions } from 'discord.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createBot, type Bot } from '../../bot/bot.ts';
import { loadConfig, type BotConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import type { BotSettings } from '../../bot/types.ts';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from '../fake-discord/index.ts';

import { MODELS_DIR, PROJECT_ROOT as PROJECT, SEED_FILE, TEST_MODEL } from '../helpers/temp-corpus.ts';

export { PROJECT, SEED_FILE, TEST_MODEL };

export interface TestEngine {
  engine: Engine;
  dir: string;
  seedsDir: string;
  indexDir: string;
  seedText: string;
  close(): Promise<void>;
}

/** The real engine, its index built from a temp copy of the project's seeds. */
export async function openTestEngine(): Promise<TestEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-bot-'));
  const seedsDir = join(dir, 'seeds');
  const indexDir = join(dir, 'index');
  cpSync(join(PROJECT, 'seeds'), seedsDir, { recursive: true });
  const engine = await openOrBuildEngine({
    indexDir,
    seedsDir,
    modelsDir: MODELS_DIR,
    model: TEST_MODEL,
    log: () => undefined,
  });
  return {
    engine,
    dir,
    seedsDir,
    indexDir,
    seedText: readFileSync(join(seedsDir, SEED_FILE), 'utf8'),
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  config: BotConfig;
  logs: LogLine[];
  clientErrors: Error[];
  /** Resolves with the bot's one log line for this interaction, once it has finished handling it. */
  handled(interactionId: string, timeoutMs?: number): Promise<LogLine>;
  close(): Promise<void>;
}

/** A fake Discord and the bot logged into it (through DISCORD_API_URL, as configured in production). */
export async function startHarness(
  test: TestEngine,
  options: {
    settings?: Partial<BotSettings>;
    env?: Record<string, string>;
    fake?: FakeDiscordOptions;
    engine?: Engine;
    /** Over the test defaults (no retries, 2 s timeout); e.g. discord.js's DefaultRestOptions for the real ones. */
    rest?: Partial<RESTOptions>;
  } = {},
): Promise<Harness> {
  const fake = await startFakeDiscord(options.fake);
  const result = loadConfig({
    DISCORD_TOKEN: 'fake-token',
    DISCORD_API_URL: fake.apiUrl,
    INDEX_DIR: test.indexDir,
    SEEDS_DIR: test.seedsDir,
    MODELS_DIR,
    EMBEDDING_MODEL: TEST_MODEL,
    FEEDBACK_FILE: join(test.dir, 'feedback.jsonl'),
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  if (!result.ok) throw new Error(result.problems.join('; '));
  const logs: LogLine[] = [];
  const waiters = new Set<{ id: string; resolve: (line: LogLine) => void }>();
  const logger = createLogger('debug', {
    write(line: string) {
      const parsed = JSON.parse(line) as LogLine;
      logs.push(parsed);
      for (const waiter of waiters) {
        if (parsed['event'] === 'interaction' && parsed['interactionId'] === waiter.id) {
          waiters.delete(waiter);
          waiter.resolve(parsed);
        }
      }
    },
  });
  const bot = createBot({
    engine: options.engine ?? test.engine,
    config: result.config,
    logger,
    clientOptions: { rest: { retries: 0, timeout: 2000, ...options.rest } },
    settings: { reloadPollMs: 0, ...options.settings },
  });
  const clientErrors: Error[] = [];
  bot.client.on('error', (error) => clientErrors.push(error));
  await bot.start();
  return {
    fake,
    bot,
    config: result.config,
    logs,
    clientErrors,
    handled(interactionId, timeoutMs = 5000) {
      const done = logs.find((line) => line['event'] === 'interaction' && line['interactionId'] === interactionId);
      if (done) return Promise.resolve(done);
      return new Promise((resolvePromise, reject) => {
        const waiter = {
          id: interactionId,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            resolvePromise(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`interaction ${interactionId} not handled within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

/** Requests that create or change a message, with the message body they carried. */
export function messageBodies(requests: readonly RecordedRequest[]): Array<{ request: RecordedRequest; body: Record<string, unknown> }> {
  const out: Array<{ request: RecordedRequest; body: Record<string, unknown> }> = [];
  for (const request of requests) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (request.path.endsWith('/callback')) {
      const type = body['type'];
      if (type === 4 || type === 7) out.push({ request, body: (body['data'] ?? {}) as Record<string, unknown> });
    } else if (
      (request.method === 'POST' || request.method === 'PATCH') &&
      (request.path.startsWith('/webhooks/') || /^\/channels\/\d+\/messages$/u.test(request.path))
    ) {
      out.push({ request, body });
    }
  }
  return out;
}

/** Every message the bot sent carried allowed_mentions { parse: [] }; returns the offenders' paths. */
export function messagesWithMentionsOn(requests: readonly RecordedRequest[]): string[] {
  return messageBodies(requests)
    .filter(({ body }) => JSON.stringify(body['allowed_mentions']) !== JSON.stringify({ parse: [] }))
    .map(({ request }) => `${request.method} ${request.path}`);
}

export function isEphemeral(flags: unknown): boolean {
  return typeof flags === 'number' && (flags & MessageFlags.Ephemeral) !== 0;
}

/** Undoes Markdown escapes (a backslash before ASCII punctuation). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/gu, '$1');
}

/**
 * The quotes of an answer embed: its block-quote lines, unescaped and without the "…" that marks a cut, with
 * whether each end was marked and the place line under each.
 */
export function quotesIn(description: string): Array<{ quote: string; place: string; cutBefore: boolean; cutAfter: boolean }> {
  const lines = description.split('\n');
  const out: Array<{ quote: string; place: string; cutBefore: boolean; cutAfter: boolean }> = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('> ')) return;
    const text = unescapeMarkdown(line.slice(2));
    const [cutBefore, cutAfter] = [text.startsWith('…'), text.endsWith('…')];
    const quote = text.slice(cutBefore ? 1 : 0, cutAfter ? -1 : undefined);
    out.push({ quote, place: lines[i + 1] ?? '', cutBefore, cutAfter });
  });
  return out;
}

/** Closes the harness and checks what every bot test expects: no client or fake-Discord errors, no message that could ping. */
export async function closeAndCheck(h: Harness): Promise<void> {
  await h.close();
  expect(h.clientErrors).toEqual([]);
  expect(h.fake.internalErrors).toEqual([]);
  expect(messagesWithMentionsOn(h.fake.requests)).toEqual([]);
}

/**
 * The hooks every end-to-end bot test file shares, registered where it is called: one test engine for the
 * file, and after each test the harness it started closed, checked (closeAndCheck), then `check`ed as the
 * file wants. Inside a test, `bot.test` is the engine and `await bot.start(options)` the harness.
 */
export function botTests(check: (h: Harness) => void = () => {}): { readonly test: TestEngine; start(options?: Parameters<typeof startHarness>[1]): Promise<Harness> } {
  let test: TestEngine | undefined;
  let current: Harness | undefined;
  beforeAll(async () => {
    test = await openTestEngine();
  });
  afterAll(async () => {
    await test?.close();
  });
  afterEach(async () => {
    const h = current;
    current = undefined;
    if (!h) return;
    await closeAndCheck(h);
    check(h);
  });
  return {
    get test() {
      if (!test) throw new Error('bot.test is only there inside tests');
      return test;
    },
    async start(options) {
      current = await startHarness(this.test, options);
      return current;
    },
  };
}
