// Many members asking at once, through the fake Discord on loopback: how long each waits from its /ask arriving at
// the bot to the final reply, with the bot's production settings (rate limit, queue) and an existing index.
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

export interface ConcurrencyOptions {
  seedsDir: string;
  /** An index already built from `seedsDir`. */
  indexDir: string;
  modelsDir: string;
  model: string;
  questions: string[];
  /** Members asking at the same moment (one question each per round). */
  members: number;
  /** Rounds measured (a warm-up round by other members comes first). */
  rounds: number;
}

export interface Concurrency {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Answers measured (members × rounds), and how they ended. */
  count: number;
  outcomes: Record<string, number>;
}

export async function measureConcurrentAsks(options: ConcurrencyOptions): Promise<Concurrency> {
  const work = mkdtempSync(join(tmpdir(), 'citebot-concurrency-'));
  let fake: FakeDiscord | undefined;
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  try {
    fake = await startFakeDiscord();
    const done = new Map<string, (outcome: string) => void>();
    const logger = createLogger('info', {
      write(line: string) {
        if (!line.includes('"event":"interaction"')) return;
        const { interactionId = '', outcome = '' } = JSON.parse(line) as { interactionId?: string; outcome?: string };
        done.get(interactionId)?.(outcome);
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
    engine = await openEngine({ ...options, buildIfMissing: false, log: () => undefined });
    bot = createBot({ engine, config: config.config, logger, settings: { reloadPollMs: 0 } });
    await bot.start();

    let asked = 0;
    /** Every member asks at once; resolves with each one's wait and outcome. */
    const round = async (firstMember: number): Promise<Array<{ ms: number; outcome: string }>> => {
      const sends = Array.from({ length: options.members }, async (_, i) => {
        const member = firstMember + i;
        const question = options.questions[asked++ % options.questions.length] ?? 'what?';
        const payload = chatInput({ name: 'ask', options: { question }, user: makeUser(`45${String(member).padStart(16, '0')}`, `m${member}`) });
        const outcome = new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`/ask ${JSON.stringify(question)} not handled within 60 s`)), 60_000);
          done.set(payload.id, (result) => {
            clearTimeout(timer);
            resolve(result);
          });
        });
        const sent = await fake!.sendInteraction(payload);
        const result = await outcome;
        const final = fake!.messagesFor(sent.token).at(-1);
        if (!final?.response || final.response.status >= 300) throw new Error(`no final reply to ${JSON.stringify(question)}`);
        return { ms: final.response.at - sent.sentAt, outcome: result };
      });
      return Promise.all(sends);
    };
    await round(1_000_000); // warm-up, by members not measured (each member stays within the rate limit)
    const results: Array<{ ms: number; outcome: string }> = [];
    for (let r = 0; r < options.rounds; r += 1) results.push(...(await round(0)));
    const waits = results.map((result) => result.ms);
    const outcomes: Record<string, number> = {};
    for (const { outcome } of results) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return { medianMs: median(waits), p95Ms: percentile(waits, 0.95), maxMs: Math.max(...waits), count: waits.length, outcomes };
  } finally {
    await bot?.stop();
    await engine?.close();
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
