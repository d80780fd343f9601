// Many members asking at once, through the fake Discord on loopback: how long each waits from its /ask arriving at
// the bot to the final reply, with the bot's production settings (rate limit, queue) and an existing index.
import { chatInput, makeUser } from '../fake-discord/index.ts';
import { startBenchBot } from './bench-bot.ts';
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
  const bench = await startBenchBot(options);
  try {
    let asked = 0;
    /** Every member asks at once; resolves with each one's wait and outcome. */
    const round = (firstMember: number): Promise<Array<{ ms: number; outcome: string }>> =>
      Promise.all(
        Array.from({ length: options.members }, async (_, i) => {
          const member = firstMember + i;
          const question = options.questions[asked++ % options.questions.length] ?? 'what?';
          const user = makeUser(`45${String(member).padStart(16, '0')}`, `m${member}`);
          const payload = chatInput({ name: 'ask', options: { question }, user });
          const done = bench.handled(payload.id);
          const sent = await bench.fake.sendInteraction(payload);
          const outcome = await done;
          const final = bench.fake.messagesFor(sent.token).at(-1);
          if (!final?.response || final.response.status >= 300) throw new Error(`no final reply to ${JSON.stringify(question)}`);
          return { ms: final.response.at - sent.sentAt, outcome };
        }),
      );
    await round(1_000_000); // warm-up, by members not measured (each member stays within the rate limit)
    const results: Array<{ ms: number; outcome: string }> = [];
    for (let r = 0; r < options.rounds; r += 1) results.push(...(await round(0)));
    const waits = results.map((result) => result.ms);
    const outcomes: Record<string, number> = {};
    for (const { outcome } of results) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return { medianMs: median(waits), p95Ms: percentile(waits, 0.95), maxMs: Math.max(...waits), count: waits.length, outcomes };
  } finally {
    await bench.close();
  }
}
