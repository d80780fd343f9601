// How long the bot takes to stop with an answer in flight, for each way operators stop it: SIGTERM to `npm start`
// (Docker), to the process group (systemd), and twice. Each run starts a real bot process against the fake Discord.
import { join } from 'node:path';
import { groupAlive, startBotProcess, until, type StartCommand } from '../bot/bot-process.ts';
import { chatInput, startFakeDiscord } from '../fake-discord/index.ts';

export type StopWay = 'top process' | 'process group' | 'top process, twice';

export interface ShutdownOptions {
  seedsDir: string;
  indexDir: string;
  modelsDir: string;
  model: string;
  question: string;
  how: StartCommand;
  way: StopWay;
}

export interface ShutdownRun {
  /** SIGTERM sent → the top process exited. */
  exitMs: number;
  /** SIGTERM sent → no process of the group left. */
  goneMs: number;
  exitCode: number | null;
  /** The answer in flight reached the fake Discord. */
  delivered: boolean;
}

/** Starts the bot, asks, and sends SIGTERM as soon as the question is acknowledged (its answer still to come). */
export async function measureShutdown(options: ShutdownOptions): Promise<ShutdownRun> {
  const fake = await startFakeDiscord();
  const bot = startBotProcess(options.how, {
    DISCORD_TOKEN: 'fake-token',
    DISCORD_API_URL: fake.apiUrl,
    SEEDS_DIR: options.seedsDir,
    INDEX_DIR: options.indexDir,
    MODELS_DIR: options.modelsDir,
    EMBEDDING_MODEL: options.model,
    FEEDBACK_FILE: join(options.indexDir, '..', 'feedback.jsonl'),
    LOG_LEVEL: 'info',
  });
  try {
    await until(() => bot.stdout().includes('"citebot ready"'), 'the bot to be ready', 60_000);
    const sent = await fake.sendInteraction(chatInput({ name: 'ask', options: { question: options.question } }));
    await fake.waitForCallback(sent.id, 10_000);
    const target = options.way === 'process group' ? -bot.group : bot.group;
    const signalled = performance.now();
    process.kill(target, 'SIGTERM');
    if (options.way === 'top process, twice') process.kill(target, 'SIGTERM');
    const exitCode = await bot.exited;
    const exitMs = performance.now() - signalled;
    await until(() => !groupAlive(bot.group), 'the process group to end', 15_000);
    const goneMs = performance.now() - signalled;
    const final = fake.messagesFor(sent.token).find((request) => request.method === 'PATCH');
    return { exitMs, goneMs, exitCode, delivered: (final?.response?.status ?? 500) < 300 };
  } finally {
    if (groupAlive(bot.group)) process.kill(-bot.group, 'SIGKILL');
    await fake.close();
  }
}
