// `npm start` as a real process: settings problems, start-up (index built if missing), an answer, SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatInput, startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { tsxLoader } from '../../bot/reindex-command.ts';
import { PROJECT, TEST_MODEL, messagesWithMentionsOn, quotesIn } from './harness.ts';

const MAIN = join(PROJECT, 'bot/main.ts');

let child: ChildProcess | undefined;
let fake: FakeDiscord | undefined;
let dir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = undefined;
  fake = undefined;
  dir = undefined;
});

/** Runs bot/main.ts with only the given settings (cwd: a temp folder without .env). */
function start(env: Record<string, string>, cwd: string): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const { PATH, HOME } = process.env;
  const proc = spawn(process.execPath, ['--import', tsxLoader(), MAIN], {
    cwd,
    env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child = proc;
  return { child: proc, stdout: () => out, stderr: () => err };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('bot/main.ts', () => {
  it('exits 1 with one line per settings problem and no stack trace', async () => {
    dir = mkdtempSync(join(tmpdir(), 'citebot-main-'));
    const run = start({ LOG_LEVEL: 'chatty', DISCORD_API_URL: 'not a url' }, dir);
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([
      'citebot: setting DISCORD_TOKEN is required (the bot token from the Developer Portal)',
      'citebot: setting DISCORD_API_URL must be an http(s) URL such as https://discord.com/api',
      'citebot: setting LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'citebot: see .env.example for the settings.',
    ]);
  });

  /** Runs main.ts with the fake's settings plus `env` in a fresh temp folder; resolves once it has exited. */
  async function failedStart(env: Record<string, string>, prepare: (cwd: string) => void = () => undefined) {
    dir = mkdtempSync(join(tmpdir(), 'citebot-main-'));
    prepare(dir);
    const run = start({ DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: 'http://127.0.0.1:9/api', MODELS_DIR: join(PROJECT, 'data/models'), EMBEDDING_MODEL: TEST_MODEL, ...env }, dir);
    const [code] = (await once(run.child, 'exit')) as [number | null];
    const logs = run.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    return { code, stderr: run.stderr(), logs, cwd: dir };
  }

  it('refuses a missing documents folder in one line, leaving no index folder behind', async () => {
    const run = await failedStart({ SEEDS_DIR: 'no-such-seeds', INDEX_DIR: 'data/index' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `citebot: cannot start: SEEDS_DIR ${join(run.cwd, 'no-such-seeds')} does not exist; create it and put your .txt and .md documents in it\n`,
    );
    expect(existsSync(join(run.cwd, 'data'))).toBe(false);
    expect(run.logs).toMatchObject([{ level: 60, msg: 'cannot start', reason: expect.stringContaining('SEEDS_DIR') }]);
    expect(JSON.stringify(run.logs)).not.toContain('stack');
  });

  it('refuses to build an index into a folder that holds other things', async () => {
    const run = await failedStart({ SEEDS_DIR: 'seeds', INDEX_DIR: 'notes' }, (cwd) => {
      cpSync(join(PROJECT, 'seeds'), join(cwd, 'seeds'), { recursive: true });
      mkdirSync(join(cwd, 'notes'));
      writeFileSync(join(cwd, 'notes', 'shopping.txt'), 'milk');
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `citebot: cannot start: INDEX_DIR ${join(run.cwd, 'notes')} holds other things (shopping.txt) and no citebot index; point INDEX_DIR at a new or empty folder\n`,
    );
    expect(readdirSync(join(run.cwd, 'notes'))).toEqual(['shopping.txt']);
  });

  it('reports a damaged index in one line, without a stack trace in the log either', async () => {
    const run = await failedStart({ SEEDS_DIR: 'seeds', INDEX_DIR: 'index' }, (cwd) => {
      mkdirSync(join(cwd, 'seeds'));
      mkdirSync(join(cwd, 'index'));
      writeFileSync(join(cwd, 'index', 'CURRENT'), 'garbage!\n');
    });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(/^citebot: could not open the index: .*npm run index -- --full/u), '']);
    expect(run.logs).toMatchObject([{ level: 60, msg: 'could not open the index' }]);
    expect(JSON.stringify(run.logs)).not.toContain('stack');
  });

  it('says in one line when it cannot reach Discord, and exits 1', async () => {
    const run = await failedStart({ SEEDS_DIR: 'seeds', INDEX_DIR: 'index' }, (cwd) => cpSync(join(PROJECT, 'seeds'), join(cwd, 'seeds'), { recursive: true }));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('citebot: could not log in to Discord: connect ECONNREFUSED 127.0.0.1:9\n');
    expect(run.logs.find((line) => line['level'] === 60)).toMatchObject({ msg: 'could not log in to Discord', reason: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(JSON.stringify(run.logs)).not.toContain('stack');
  });

  it('builds the missing index, logs in, answers, and exits 0 on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'citebot-main-'));
    cpSync(join(PROJECT, 'seeds'), join(dir, 'seeds'), { recursive: true });
    fake = await startFakeDiscord();
    const run = start(
      {
        DISCORD_TOKEN: 'fake-token',
        DISCORD_API_URL: fake.apiUrl,
        INDEX_DIR: 'data/index',
        SEEDS_DIR: 'seeds',
        MODELS_DIR: join(PROJECT, 'data/models'),
        EMBEDDING_MODEL: TEST_MODEL,
      },
      dir,
    );
    await until(() => run.stdout().includes('"citebot ready"'), 30_000, 'the bot to be ready');
    expect(run.stdout()).toContain('no index yet: building it');

    const sent = await fake.sendInteraction(
      chatInput({ name: 'ask', options: { question: 'Does the CSTO support the nuclear non-proliferation treaty?' } }),
    );
    await fake.waitForMessages(sent.token, 2, 10_000);
    const quotes = quotesIn(fake.interaction(sent.id)?.original?.embeds[0]?.description ?? '');
    expect(quotes.length).toBeGreaterThan(0);
    await until(() => run.stdout().includes('"event":"interaction"'), 5000, 'the interaction log line');
    const line = run.stdout().split('\n').find((l) => l.includes('"event":"interaction"')) ?? '{}';
    expect(JSON.parse(line)).toMatchObject({ command: 'ask', outcome: 'answered', latencyMs: expect.any(Number) });

    run.child.kill('SIGTERM');
    const [code] = (await once(run.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(run.stdout()).toContain('"citebot stopped"');
    expect(run.stderr()).toBe('');
    expect(messagesWithMentionsOn(fake.requests)).toEqual([]);
    expect(fake.internalErrors).toEqual([]);
  });
});
