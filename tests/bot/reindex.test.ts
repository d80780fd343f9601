import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REST } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { deployCommands } from '../../bot/deploy-commands.ts';
import { defaultReindexCommand, tsxLoader } from '../../bot/reindex-command.ts';
import { Reindexer } from '../../bot/reindexer.ts';
import { DEFAULT_WORLD, MEMBER_PERMISSIONS, chatInput, startFakeDiscord } from '../fake-discord/index.ts';
import { PROJECT, botTests, type Harness, quotesIn } from './harness.ts';

const MOD_ROLE = '600000000000000001';
const { member, admin } = DEFAULT_WORLD.users;

const bot = botTests();

function contentOf(h: Harness, token: string): string {
  return String(h.fake.interaction(token)?.original?.content ?? '');
}

describe('/reindex', () => {
  it('is refused to a member without Manage Server or a moderator role, even when the command reaches the bot', async () => {
    const h = await bot.start({ env: { MODERATOR_ROLE_IDS: MOD_ROLE } });
    const sent = await h.fake.sendInteraction(chatInput({ name: 'reindex', options: { full: true }, user: member, roles: ['600000000000000999'] }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'refused-permission', userId: member.id });
    expect(h.fake.callbacksFor(sent.id)[0]?.body).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('Only moderators') },
    });
    expect(h.bot.services.reindexer.running).toBe(false);
    expect(h.logs.find((line) => line.msg === 'reindex refused: not a moderator')).toMatchObject({ userId: member.id });
  });

  it('is refused in DMs', async () => {
    const h = await bot.start();
    const sent = await h.fake.sendInteraction(chatInput({ name: 'reindex', dm: true, user: admin }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'refused-dm' });
    expect(contentOf(h, sent.id)).toContain('only be started from a server');
    expect(h.bot.services.reindexer.running).toBe(false);
  });

  it('runs for Manage Server, reports progress and counts, while /ask keeps answering; one at a time', async () => {
    const h = await bot.start({ settings: { progressEditMs: 200 } });
    writeFileSync(join(bot.test.seedsDir, 'extra.md'), '# Extra notes\n\nThe citebot test suite added this file about lighthouses.\n');
    writeFileSync(join(bot.test.seedsDir, 'broken.txt'), new Uint8Array([0x41, 0xff, 0x42]));
    const sent = await h.fake.sendInteraction(chatInput({ name: 'reindex', user: admin }));
    await h.fake.waitForCallback(sent.id);
    expect(h.bot.services.reindexer.running).toBe(true);

    // While the indexer runs (a child process), questions are answered, and a second reindex is turned away.
    const question = await h.fake.sendInteraction(
      chatInput({ name: 'ask', options: { question: 'Does the CSTO support the nuclear non-proliferation treaty?' } }),
    );
    const second = await h.fake.sendInteraction(chatInput({ name: 'reindex', user: admin }));
    expect(await h.handled(question.id)).toMatchObject({ outcome: 'answered' });
    expect(await h.handled(second.id)).toMatchObject({ outcome: 'busy' });
    expect(contentOf(h, second.id)).toContain('already running');
    expect(h.bot.services.reindexer.running).toBe(true);
    const quotes = quotesIn(h.fake.interaction(question.id)?.original?.embeds[0]?.description ?? '');
    expect(quotes.length).toBeGreaterThan(0);
    for (const { quote } of quotes) expect(bot.test.seedText).toContain(quote);

    const done = await h.handled(sent.id, 30_000);
    expect(done).toMatchObject({ outcome: 'reindexed', userId: admin.id });
    expect(contentOf(h, sent.id)).toMatch(
      /^✅ Reindex done in [\d.]+ s: 1 added, 0 changed, 0 removed, 1 unchanged; \d+ passages indexed\.\n⚠️ 1 file skipped:\n• broken\.txt: not valid UTF-8; save it as UTF-8$/u,
    );
    // Progress, if any was shown, said in words what the indexer was doing.
    for (const edit of h.fake.messagesFor(sent.token).filter((request) => request.method === 'PATCH')) {
      const content = String((edit.body as { content?: string } | undefined)?.content ?? '');
      if (content.startsWith('⏳ Reindex:')) expect(content).toMatch(/^⏳ Reindex: (reading \d+ of \d+ documents?|embedding [\d,]+ of [\d,]+ passages?|nothing new to embed|building the search index over [\d,]+ passages?|writing the index)…$/u);
    }
    const edits = h.fake.messagesFor(sent.token).filter((request) => request.method === 'PATCH');
    expect(edits.length).toBeGreaterThanOrEqual(2); // "started", maybe progress, then the summary
    expect(h.logs.find((line) => line.msg === 'reindex started')).toMatchObject({ userId: admin.id, user: admin.username, full: false });
    expect(h.logs.find((line) => line.msg === 'reindex done')).toMatchObject({ userId: admin.id, added: 1 });

    // The running bot picked up the new index without a restart.
    expect(bot.test.engine.documents().map((doc) => doc.source)).toContain('extra.md');
    const lighthouse = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'lighthouses test suite file' } }));
    await h.handled(lighthouse.id);
    expect(h.fake.interaction(lighthouse.id)?.original?.embeds[0]?.description).toContain('lighthouses');
  });

  it('runs for a member holding a moderator role (full rebuild)', async () => {
    const guild = DEFAULT_WORLD.guild;
    if (!guild) throw new Error('no guild');
    const h = await bot.start({
      env: { MODERATOR_ROLE_IDS: `700000000000000001,${MOD_ROLE}` },
      fake: { world: { guild: { ...guild, roles: [{ id: MOD_ROLE, name: 'Moderators' }] } } },
    });
    const sent = await h.fake.sendInteraction(
      chatInput({ name: 'reindex', options: { full: true }, user: member, permissions: MEMBER_PERMISSIONS, roles: [MOD_ROLE] }),
    );
    expect(await h.handled(sent.id, 30_000)).toMatchObject({ outcome: 'reindexed' });
    expect(contentOf(h, sent.id)).toMatch(/^✅ Reindex done in [\d.]+ s: \d+ added, 0 changed, 0 removed, 0 unchanged;/u);
    rmSync(join(bot.test.seedsDir, 'broken.txt'), { force: true });
    expect(h.logs.find((line) => line.msg === 'reindex started')).toMatchObject({ userId: member.id, full: true });
  });
});

describe('index changes on disk', () => {
  it('are picked up by the running bot without a restart (poll), e.g. after `npm run index`', async () => {
    const h = await bot.start({ settings: { reloadPollMs: 100 } });
    writeFileSync(join(bot.test.seedsDir, 'later.md'), '# Later\n\nA note about windmills, indexed from outside the bot.\n');
    // The indexer CLI run by someone else (the same command /reindex uses).
    const outside = new Reindexer(defaultReindexCommand(h.config));
    await outside.run({ full: false });
    const reloaded = Date.now();
    while (!h.logs.some((line) => line.msg === 'index reloaded')) {
      if (Date.now() - reloaded > 5000) throw new Error('the bot did not reload the index');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sent = await h.fake.sendInteraction(chatInput({ name: 'sources' }));
    await h.handled(sent.id);
    expect(h.fake.interaction(sent.id)?.original?.embeds[0]?.description).toContain('later.md');
  });
});

describe('deploy-commands', () => {
  it('says where it registered the commands, once, globally without a guild', async () => {
    const fake = await startFakeDiscord();
    try {
      // Not spawnSync: the fake Discord answers from this process.
      const run = await promisify(execFile)(process.execPath, ['--import', tsxLoader(), join(PROJECT, 'bot/deploy-commands.ts')], {
        cwd: tmpdir(),
        env: { PATH: process.env['PATH'] ?? '', DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: DEFAULT_WORLD.applicationId, DISCORD_API_URL: fake.apiUrl },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('Registered 7 commands globally; Discord can take up to an hour to show them in every server.\n');
      expect(fake.commands()).toHaveLength(7);
    } finally {
      await fake.close();
    }
  });

  it('registers every command in the guild, with /reindex hidden from non-moderators and guild-only', async () => {
    const fake = await startFakeDiscord();
    try {
      const guildId = DEFAULT_WORLD.guild?.id ?? '';
      const config = { ...(await import('../../bot/config.ts')).loadConfig({ DISCORD_TOKEN: 't', DISCORD_CLIENT_ID: DEFAULT_WORLD.applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: fake.apiUrl }, 'deploy') };
      if (!config.ok) throw new Error(config.problems.join());
      const rest = new REST({ api: fake.apiUrl, retries: 0, timeout: 2000 }).setToken('t');
      expect(await deployCommands(config.config, rest)).toEqual({ scope: `guild ${guildId}`, count: 7 });
      const saved = fake.commands(guildId);
      expect(saved.map((command) => command['name'])).toEqual(['ask', 'quote', 'sources', 'help', 'reindex', 'documents', 'Find in documents']);
      expect(saved.find((command) => command['name'] === 'documents')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
      expect(saved.find((command) => command['name'] === 'reindex')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
      expect(saved.find((command) => command['name'] === 'Find in documents')).toMatchObject({ type: 3 });
      // Installed to servers only: every command says so, and none claims group DMs (those need a user install).
      for (const command of saved) {
        expect(command['integration_types'], String(command['name'])).toEqual([0]);
        expect([[0, 1], [0]], String(command['name'])).toContainEqual(command['contexts']);
      }
      expect(fake.internalErrors).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
