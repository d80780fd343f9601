// Stopping the bot the ways operators do, each with an answer in flight: SIGTERM to the top process (Docker's
// `docker stop`), to the whole process group (systemd's default), and twice. The answer must arrive, the process
// must exit 0, and no process of the group may be left.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { chatInput, startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { MODELS_DIR } from '../helpers/temp-corpus.ts';
import { groupAlive, killGroup, startBotProcess, until, type BotProcess, type StartCommand } from './bot-process.ts';
import { PROJECT, TEST_MODEL, messagesWithMentionsOn, quotesIn } from './harness.ts';

const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';

let dir: string;
let fake: FakeDiscord | undefined;
let bot: BotProcess | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'citebot-shutdown-'));
  cpSync(join(PROJECT, 'seeds'), join(dir, 'seeds'), { recursive: true });
  const engine = await openOrBuildEngine({ seedsDir: join(dir, 'seeds'), indexDir: join(dir, 'index'), modelsDir: MODELS_DIR, model: TEST_MODEL, log: () => undefined });
  await engine.close();
});
afterEach(async () => {
  await killGroup(bot);
  await fake?.close();
  bot = undefined;
  fake = undefined;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Delivery = 'the top process' | 'the process group' | 'the top process, twice';

const WAYS: Array<[StartCommand, Delivery]> = [
  ['npm start', 'the top process'],
  ['npm start', 'the process group'],
  ['npm start', 'the top process, twice'],
  ['node --import tsx bot/main.ts', 'the top process'],
  ['node --import tsx bot/main.ts', 'the process group'],
];

describe('SIGTERM with an answer in flight', () => {
  it.each(WAYS)('%s, SIGTERM to %s: the answer is delivered, exit 0, nothing left', async (how, delivery) => {
    fake = await startFakeDiscord();
    bot = startBotProcess(how, {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: fake.apiUrl,
      SEEDS_DIR: join(dir, 'seeds'),
      INDEX_DIR: join(dir, 'index'),
      MODELS_DIR,
      EMBEDDING_MODEL: TEST_MODEL,
      FEEDBACK_FILE: join(dir, 'feedback.jsonl'),
      LOG_LEVEL: 'info',
    });
    const running = bot;
    await until(() => running.stdout().includes('"citebot ready"'), 'the bot to be ready');

    // The final answer is held by the fake Discord: the bot has it on the wire when the signal comes.
    const hold = fake.holdNext({ method: 'PATCH', pathIncludes: '/messages/@original' });
    const sent = await fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION } }));
    await hold.arrived;

    const target = delivery === 'the process group' ? -running.group : running.group;
    process.kill(target, 'SIGTERM');
    await until(() => running.stdout().includes('"shutting down"'), 'the bot to start shutting down');
    if (delivery === 'the top process, twice') {
      process.kill(target, 'SIGTERM');
      await until(() => running.stdout().includes('"already shutting down; finishing the answers in flight"'), 'the second signal');
    }
    expect(groupAlive(running.group)).toBe(true); // still waiting for its answer
    hold.release();

    expect(await running.exited).toBe(0);
    await until(() => !groupAlive(running.group), 'every process of the group to end', 5000);
    const answer = fake.interaction(sent.id)?.original;
    expect(quotesIn(answer?.embeds[0]?.description ?? '').length).toBeGreaterThan(0);
    const logs = running.logs();
    expect(logs.find((line) => line['event'] === 'interaction')).toMatchObject({ command: 'ask', outcome: 'answered' });
    expect(logs.at(-1)).toMatchObject({ msg: 'citebot stopped' });
    expect(logs.filter((line) => Number(line['level']) >= 40)).toEqual([]); // no "reconnecting" or other warning
    expect(running.stderr()).toBe('');
    expect(messagesWithMentionsOn(fake.requests)).toEqual([]);
    expect(fake.internalErrors).toEqual([]);
  });
});
