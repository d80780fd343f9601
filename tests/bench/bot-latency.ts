// The bot's latency as a user sees it, with the fake Discord on loopback: how long `npm start` takes to be ready
// with an existing index, and how long from an /ask interaction arriving to its final reply.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../../bot/bot.ts';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { chatInput, makeUser, startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { median, percentile } from './measure.ts';

export interface BotLatencyOptions {
  seedsDir: string;
  /** An index already built from `seedsDir` (it is not built here: opening fails if there is none). */
  indexDir: string;
  modelsDir: string;
  model: string;
  questions: string[];
  /** Times each question is asked (default 1). */
  rounds?: number;
}

export interface BotLatency {
  /** Opening the engine (model + index) and logging in until the gateway session is ready. */
  readyMs: number;
  /** Interaction sent by the fake → the final edit of its reply arriving at the fake. */
  medianMs: number;
  p95Ms: number;
  /** Questions measured (questions × rounds; the warm-up is not counted). */
  count: number;
}

const WARM_UP = 3;

/**
 * Starts the fake Discord, then measures what a user waits for after `npm start` with an existing index (engine
 * load + login → ready), then asks the questions one at a time as /ask, each from a different user (and with a
 * rate limit too high to matter), after a warm-up of the first few. The bot logs at info as in production.
 */
export async function measureBotLatency(options: BotLatencyOptions): Promise<BotLatency> {
  const work = mkdtempSync(join(tmpdir(), 'citebot-bot-bench-'));
  let fake: FakeDiscord | undefined;
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  try {
    fake = await startFakeDiscord();
    const handled = new Map<string, () => void>();
    const logger = createLogger('info', {
      write(line: string) {
        if (!line.includes('"event":"interaction"')) return;
        const id = (JSON.parse(line) as { interactionId?: string }).interactionId ?? '';
        handled.get(id)?.();
      },
    });
    const config = loadConfig({
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: fake.apiUrl,
      INDEX_DIR: options.indexDir,
      SEEDS_DIR: options.seedsDir,
      MODELS_DIR: options.modelsDir,
      EMBEDDING_MODEL: options.model,
      FEEDBACK_FILE: join(work, 'feedback.jsonl'),
    });
    if (!config.ok) throw new Error(config.problems.join('; '));

    const started = performance.now();
    engine = await openEngine({
      seedsDir: options.seedsDir,
      indexDir: options.indexDir,
      modelsDir: options.modelsDir,
      model: options.model,
      log: () => undefined,
    });
    bot = createBot({
      engine,
      config: config.config,
      logger,
      settings: { rateLimit: { max: 1_000_000, windowMs: 1000 }, reloadPollMs: 0 },
    });
    await bot.start();
    const readyMs = performance.now() - started;

    let users = 0;
    const ask = async (question: string): Promise<number> => {
      users += 1;
      const user = makeUser(`44${String(users).padStart(16, '0')}`, `bench${users}`);
      const payload = chatInput({ name: 'ask', options: { question }, user });
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`/ask ${JSON.stringify(question)} not handled within 30 s`)), 30_000);
        handled.set(payload.id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const sent = await fake!.sendInteraction(payload);
      await done;
      handled.delete(payload.id);
      const final = fake!.messagesFor(sent.token).at(-1);
      if (final?.method !== 'PATCH' || (final.response?.status ?? 500) >= 300) {
        throw new Error(`no final reply to ${JSON.stringify(question)} (last request: ${final?.method} ${final?.response?.status})`);
      }
      return final.at - sent.sentAt;
    };
    for (const question of options.questions.slice(0, WARM_UP)) await ask(question);
    const latencies: number[] = [];
    for (let round = 0; round < (options.rounds ?? 1); round += 1) {
      for (const question of options.questions) latencies.push(await ask(question));
    }
    return { readyMs, medianMs: median(latencies), p95Ms: percentile(latencies, 0.95), count: latencies.length };
  } finally {
    await bot?.stop();
    await engine?.close();
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
