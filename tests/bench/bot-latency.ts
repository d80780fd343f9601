// The bot's latency as a user sees it, with the fake Discord on loopback: how long `npm start` takes to be ready
// with an existing index, and how long from an /ask interaction arriving to its final reply.
import { chatInput, makeUser } from '../fake-discord/index.ts';
import { startBenchBot } from './bench-bot.ts';
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
  const started = performance.now();
  const bench = await startBenchBot({ ...options, settings: { rateLimit: { max: 1_000_000, windowMs: 1000 } } });
  const readyMs = performance.now() - started; // the fake Discord's start (a few ms) included
  try {
    let users = 0;
    const ask = async (question: string): Promise<number> => {
      users += 1;
      const user = makeUser(`44${String(users).padStart(16, '0')}`, `bench${users}`);
      const payload = chatInput({ name: 'ask', options: { question }, user });
      const done = bench.handled(payload.id, 30_000);
      const sent = await bench.fake.sendInteraction(payload);
      await done;
      const final = bench.fake.messagesFor(sent.token).at(-1);
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
    await bench.close();
  }
}
