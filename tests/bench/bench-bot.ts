// The bot as the benchmarks run it: in this process, logging at info as in production, against a fresh fake Discord,
// on an index that already exists (it is not built here: opening fails if there is none).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type Bot } from '../../bot/bot.ts';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/logger.ts';
import type { BotSettings } from '../../bot/types.ts';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';

export interface BenchBotOptions {
  seedsDir: string;
  indexDir: string;
  modelsDir: string;
  model: string;
  settings?: Partial<BotSettings>;
  /** More settings, as in the environment (e.g. DOCUMENT_FETCH_ALLOWED_HOSTS). */
  env?: Record<string, string>;
}

export interface BenchBot {
  fake: FakeDiscord;
  bot: Bot;
  /** Resolves with the interaction's outcome once the bot has logged it as handled. */
  handled(interactionId: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** Starts the fake Discord, opens the engine and logs the bot in (resolves once it is ready). */
export async function startBenchBot(options: BenchBotOptions): Promise<BenchBot> {
  const work = mkdtempSync(join(tmpdir(), 'citebot-bench-bot-'));
  const waiting = new Map<string, (outcome: string) => void>();
  let fake: FakeDiscord | undefined;
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  const close = async (): Promise<void> => {
    await bot?.stop();
    await engine?.close();
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
  };
  try {
    fake = await startFakeDiscord();
    const logger = createLogger('info', {
      write(line: string) {
        if (!line.includes('"event":"interaction"')) return;
        const { interactionId = '', outcome = '' } = JSON.parse(line) as { interactionId?: string; outcome?: string };
        waiting.get(interactionId)?.(outcome);
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
      ...options.env,
    });
    if (!config.ok) throw new Error(config.problems.join('; '));
    const { seedsDir, indexDir, modelsDir, model } = options;
    engine = await openEngine({ seedsDir, indexDir, modelsDir, model, log: () => undefined });
    bot = createBot({ engine, config: config.config, logger, settings: { reloadPollMs: 0, ...options.settings } });
    await bot.start();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    fake,
    bot,
    handled(interactionId, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`interaction ${interactionId} not handled within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(interactionId, (outcome) => {
          clearTimeout(timer);
          waiting.delete(interactionId);
          resolve(outcome);
        });
      });
    },
    close,
  };
}
