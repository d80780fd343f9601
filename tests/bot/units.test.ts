import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { askCustomId, parseAskCustomId, parseCitationIndex, parseSourcesCustomId, sourcesCustomId } from '../../bot/custom-ids.ts';
import { withoutDiscordMarkup } from '../../bot/discord-markup.ts';
import { checkFolders } from '../../bot/folder-checks.ts';
import { ReindexBusyError, ReindexFailedError, Reindexer } from '../../bot/reindexer.ts';
import { LruCache } from '../../bot/util/lru.ts';
import { RateLimiter } from '../../bot/util/rate-limiter.ts';
import { ThrottledEditor } from '../../bot/util/throttled-editor.ts';
import { QueueFullError, WorkQueue } from '../../bot/util/work-queue.ts';

describe('RateLimiter', () => {
  it('allows max actions per window per user, then says when to retry', () => {
    let now = 1000;
    const limiter = new RateLimiter(5, 30_000, () => now);
    for (let i = 0; i < 5; i += 1) expect(limiter.take('alice')).toEqual({ ok: true });
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(limiter.take('bob')).toEqual({ ok: true });
    now += 29_999;
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterMs: 1 });
    now += 1;
    expect(limiter.take('alice')).toEqual({ ok: true });
  });
});

describe('WorkQueue', () => {
  it('runs tasks one at a time in the order they came, and refuses beyond its length', async () => {
    const queue = new WorkQueue(3);
    const order: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running += 1;
      most = Math.max(most, running);
      await sleep(5);
      order.push(name);
      running -= 1;
      return name;
    };
    const runs = [queue.push(task('a')), queue.push(task('b')), queue.push(task('c'))];
    await expect(queue.push(task('d'))).rejects.toBeInstanceOf(QueueFullError);
    expect(queue.reserve()).toBeUndefined();
    await expect(queue.push(task('forced'), { force: true })).resolves.toBe('forced');
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['a', 'b', 'c', 'forced']);
    expect(most).toBe(1);
    expect(queue.idle).toBe(true);
  });

  it('runs tickets in the order places were taken, whatever order their tasks arrive in', async () => {
    const queue = new WorkQueue(5);
    const [a, b, c] = [queue.reserve(), queue.reserve(), queue.reserve()];
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
    };
    const runs = [c?.run(task('c')), b?.run(task('b'))];
    await sleep(5);
    expect(order).toEqual([]); // a's place is first
    a?.release();
    await Promise.all(runs);
    expect(order).toEqual(['b', 'c']);
  });

  it('holds places with tickets until they run or are released; a failing task does not stop the queue', async () => {
    const queue = new WorkQueue(2);
    const first = queue.reserve();
    const second = queue.reserve();
    expect(queue.reserve()).toBeUndefined();
    second?.release();
    second?.release(); // twice is harmless
    expect(queue.length).toBe(1);
    await expect(first?.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.push(async () => 'after')).resolves.toBe('after');
    expect(queue.idle).toBe(true);
  });
});

describe('LruCache', () => {
  it('forgets the least recently used entry and entries past their time', () => {
    let now = 0;
    const cache = new LruCache<number>(2, 100, () => now);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    now = 101;
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

describe('component custom_ids', () => {
  it('round-trip, fit in 100 characters, and refuse anything malformed', () => {
    const key = '0123456789';
    for (const button of [
      { action: 'more', page: 3, key },
      { action: 'thread', page: 0, key },
      { action: 'ctx', page: 12, key },
      { action: 'fb', vote: 'down', key },
    ] as const) {
      const id = askCustomId(button);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(parseAskCustomId(id)).toEqual(button);
    }
    for (const forged of [
      'ask:more:1',
      'ask:more:-1:0123456789',
      'ask:more:01:0123456789',
      'ask:more:100:0123456789',
      'ask:more:1:0123456789x',
      'ask:more:1:ABCDEFGHIJ',
      'ask:delete:1:0123456789',
      'ask:fb:sideways:0123456789',
      'ask:ctx:up:0123456789',
      'ask:more:1:0123456789:extra',
      'ASK:more:1:0123456789',
      '',
    ]) {
      expect(parseAskCustomId(forged)).toBeUndefined();
    }
    expect([0, 8, 99].map((n) => parseCitationIndex(String(n)))).toEqual([0, 8, 99]);
    for (const value of [undefined, '', '-1', '01', '100', '1e1', '٠', ' 1']) expect(parseCitationIndex(value)).toBeUndefined();
    expect(parseSourcesCustomId(sourcesCustomId(12))).toBe(12);
    for (const forged of ['sources:page:', 'sources:page:01', 'sources:page:12345', 'sources:next:1']) expect(parseSourcesCustomId(forged)).toBeUndefined();
  });
});

describe('settings', () => {
  it('reports one clear line per problem', () => {
    const result = loadConfig({ DISCORD_GUILD_ID: '12', LOG_LEVEL: 'loud', MODERATOR_ROLE_IDS: '123456789012345678,x' }, 'deploy');
    expect(result).toEqual({
      ok: false,
      problems: [
        'DISCORD_TOKEN is required (the bot token from the Developer Portal)',
        'DISCORD_GUILD_ID must be a Discord id (17 to 20 digits)',
        'MODERATOR_ROLE_IDS (item 2) must be a Discord id (17 to 20 digits)',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'DISCORD_CLIENT_ID is required to register commands (the application id from the Developer Portal)',
      ],
    });
  });

  it('fills defaults, treats empty values as unset and resolves paths', () => {
    const result = loadConfig({ DISCORD_TOKEN: ' t ', DISCORD_GUILD_ID: '', MODERATOR_ROLE_IDS: ' 123456789012345678 , ' }, 'bot', '/srv/citebot');
    expect(result).toEqual({
      ok: true,
      config: {
        token: 't',
        clientId: undefined,
        guildId: undefined,
        apiUrl: undefined,
        moderatorRoleIds: ['123456789012345678'],
        indexDir: '/srv/citebot/data/index',
        seedsDir: '/srv/citebot/seeds',
        modelsDir: '/srv/citebot/data/models',
        model: undefined,
        logLevel: 'info',
        feedbackFile: '/srv/citebot/data/feedback.jsonl',
        documentUrlTemplate: undefined,
        documentMaxBytes: 20_000_000,
        fetchAllowedHosts: [],
        removedDir: '/srv/citebot/data/removed',
        removedKeepDays: 30,
        addedDocumentsFile: '/srv/citebot/data/added-documents.json',
      },
    });
  });

  it('reads the /documents settings: allowed hosts (lowercase, IPv6 without brackets), sizes and days as whole positive numbers', () => {
    const result = loadConfig({ DISCORD_TOKEN: 't', DOCUMENT_FETCH_ALLOWED_HOSTS: '127.0.0.1, Wiki.Local ,[::1],', DOCUMENT_MAX_BYTES: '5000', REMOVED_KEEP_DAYS: '7' });
    expect(result).toMatchObject({ ok: true, config: { fetchAllowedHosts: ['127.0.0.1', 'wiki.local', '::1'], documentMaxBytes: 5000, removedKeepDays: 7 } });
    expect(loadConfig({ DISCORD_TOKEN: 't', DOCUMENT_MAX_BYTES: '20MB', REMOVED_KEEP_DAYS: '0' })).toEqual({
      ok: false,
      problems: ['DOCUMENT_MAX_BYTES must be a number of bytes, e.g. 20000000', 'REMOVED_KEEP_DAYS must be a whole number of days'],
    });
  });

  it('checks DOCUMENT_URL_TEMPLATE: http(s), and only the placeholders it knows', () => {
    const problems = (template: string) => {
      const result = loadConfig({ DISCORD_TOKEN: 't', DOCUMENT_URL_TEMPLATE: template });
      return result.ok ? [] : result.problems;
    };
    expect(problems('https://github.com/org/repo/blob/main/{path}#L{lineStart}-L{lineEnd}')).toEqual([]);
    expect(problems('http://wiki.local/{path}')).toEqual([]);
    expect(problems('https://x.example/{file}#L{line}')).toEqual([
      'DOCUMENT_URL_TEMPLATE has an unknown placeholder {file} (use {path}, {lineStart}, {lineEnd})',
    ]);
    expect(problems('file:///srv/{path}')).toEqual([
      'DOCUMENT_URL_TEMPLATE must be an http(s) URL, e.g. https://github.com/org/repo/blob/main/{path}#L{lineStart}-L{lineEnd}',
    ]);
    expect(problems('{path}')).toHaveLength(1);
  });
});

describe('withoutDiscordMarkup', () => {
  it('removes mentions, channels, @everyone/@here, custom emoji, timestamps and command mentions; keeps words', () => {
    expect(withoutDiscordMarkup('<@123> <@!456> <@&789> hi <#300000000000000001> @here @everyone')).toBe('hi');
    expect(withoutDiscordMarkup('terrorism <:pepe:123456789012345678> <a:party_blob:1> <t:1700000000> <t:1700000000:R>')).toBe('terrorism');
    expect(withoutDiscordMarkup('see </ask:1234> or <id:guide>, then @heretic and a@everyone.com')).toBe('see or , then @heretic and a@everyone.com');
    expect(withoutDiscordMarkup('a <b> c :pepe: 3 < 4')).toBe('a <b> c :pepe: 3 < 4');
    expect(withoutDiscordMarkup('line one\nline two')).toBe('line one\nline two');
  });
});

describe('checkFolders', () => {
  it("accepts citebot's own index folder, even a killed first build's, and warns when only the seeds are missing", () => {
    const dir = mkdtempSync(join(tmpdir(), 'citebot-folders-'));
    try {
      const [seedsDir, indexDir] = [join(dir, 'seeds'), join(dir, 'index')];
      mkdirSync(seedsDir);
      expect(checkFolders({ seedsDir, indexDir })).toEqual({ problems: [], warnings: [] });
      mkdirSync(join(indexDir, 'staging-v123-4'), { recursive: true });
      writeFileSync(join(indexDir, 'indexer.lock'), '123');
      expect(checkFolders({ seedsDir, indexDir })).toEqual({ problems: [], warnings: [] });
      writeFileSync(join(indexDir, 'CURRENT'), 'v123-4\n');
      rmSync(seedsDir, { recursive: true });
      expect(checkFolders({ seedsDir, indexDir })).toEqual({
        problems: [],
        warnings: [`SEEDS_DIR ${seedsDir} does not exist: answering from the existing index, but /reindex will fail`],
      });
      writeFileSync(seedsDir, 'not a folder');
      rmSync(join(indexDir, 'CURRENT'));
      expect(checkFolders({ seedsDir, indexDir: seedsDir }).problems).toEqual([
        `INDEX_DIR ${seedsDir} is a file, not a folder`,
        `SEEDS_DIR ${seedsDir} is not a folder; create it and put your .txt and .md documents in it`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ThrottledEditor', () => {
  it('sends the latest update at most once per interval, one at a time', async () => {
    const sent: number[] = [];
    const editor = new ThrottledEditor<number>(
      async (n) => {
        sent.push(n);
        await sleep(5);
      },
      40,
      () => undefined,
    );
    for (let i = 1; i <= 10; i += 1) {
      editor.offer(i);
      await sleep(5);
    }
    await sleep(60);
    await editor.close();
    editor.offer(99);
    expect(sent[0]).toBe(1);
    expect(sent.at(-1)).toBe(10);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent).not.toContain(99);
  });
});

describe('Reindexer', () => {
  const script = (body: string) => ({ command: process.execPath, args: () => ['-e', body] });

  it('reads progress lines (with their words) and the summary (with the skipped files) from the child', async () => {
    const reindexer = new Reindexer(
      script(`
        const say = (o) => console.log(JSON.stringify(o));
        console.log('not json');
        say({ type: 'progress', stage: 'embedding', done: 1, total: 2, text: 'embedding 1 of 2 passages' });
        say({ type: 'summary', added: 1, changed: 2, removed: 3, unchanged: 4, passages: 5, seconds: 0.5, skipped: [{ source: 'a.pdf', reason: 'no text layer' }] });
      `),
    );
    const progress: unknown[] = [];
    const run = reindexer.run({ full: true, onProgress: (p) => progress.push(p) });
    expect(reindexer.running).toBe(true);
    await expect(reindexer.run({ full: false })).rejects.toBeInstanceOf(ReindexBusyError);
    const idle = reindexer.idle();
    await expect(run).resolves.toEqual({ added: 1, changed: 2, removed: 3, unchanged: 4, passages: 5, seconds: 0.5, skipped: [{ source: 'a.pdf', reason: 'no text layer' }] });
    await idle;
    expect(progress).toEqual([{ stage: 'embedding', done: 1, total: 2, text: 'embedding 1 of 2 passages' }]);
    expect(reindexer.running).toBe(false);
  });

  it('fails with the last line of stderr', async () => {
    const reindexer = new Reindexer(script(`console.error('warning: x'); console.error('error: seeds folder missing'); process.exit(1)`));
    const failure = reindexer.run({ full: false });
    await expect(failure).rejects.toBeInstanceOf(ReindexFailedError);
    await expect(failure).rejects.toThrow('error: seeds folder missing');
    const silent = new Reindexer(script(''));
    await expect(silent.run({ full: false })).rejects.toThrow('without a summary');
  });
});
