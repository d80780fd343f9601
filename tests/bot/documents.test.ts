// /documents through the fake Discord on 127.0.0.1, with the real bot, indexer and preview processes. Files and
// pages come from a local web server (allowed by DOCUMENT_FETCH_ALLOWED_HOSTS, as a moderator would allow a host).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, MEMBER_PERMISSIONS, button, chatInput, type FakeAttachment } from '../fake-discord/index.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { botTests, isEphemeral, quotesIn, type Harness, type LogLine } from './harness.ts';

const { admin, member } = DEFAULT_WORLD.users;

const bot = botTests((h) => {
  // Nothing logged as an error, and every document change logged with who made it.
  expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  for (const line of h.logs.filter((l) => l['event'] === 'document')) expect(line).toMatchObject({ userId: expect.any(String), user: expect.any(String) });
});

let web: WebServer;
beforeAll(async () => {
  web = await startWebServer();
});
afterAll(() => web.close());

const removedDir = () => join(bot.test.dir, 'removed');
const addedDir = () => join(bot.test.seedsDir, 'added');

function start(): Promise<Harness> {
  return bot.start({
    env: {
      DOCUMENT_FETCH_ALLOWED_HOSTS: '127.0.0.1',
      REMOVED_DIR: removedDir(),
      ADDED_DOCUMENTS_FILE: join(bot.test.dir, 'added-documents.json'),
    },
    settings: { progressEditMs: 50 },
  });
}

let served = 0;
/** An attachment whose file the local web server serves (as Discord's CDN would). */
function attachment(filename: string, body: string | Uint8Array, contentType?: string): FakeAttachment {
  const url = web.serve(`/attachments/${++served}/${encodeURIComponent(filename)}`, { body, ...(contentType ? { type: contentType } : {}) });
  return { filename, url, size: Buffer.byteLength(body), ...(contentType ? { contentType } : {}) };
}

interface Step {
  id: string;
  log: LogLine;
  /** The message as the moderator sees it now. */
  message: APIMessage;
}

async function add(
  h: Harness,
  input: { file?: FakeAttachment; link?: string; name?: string },
  actor: { user?: typeof admin; permissions?: string } = { user: admin },
): Promise<Step> {
  const options = { ...(input.link ? { link: input.link } : {}), ...(input.name !== undefined ? { name: input.name } : {}) };
  const sent = await h.fake.sendInteraction(
    chatInput({ name: 'documents', subcommand: 'add', options, ...(input.file ? { attachments: { file: input.file } } : {}), ...actor }),
  );
  const log = await h.handled(sent.id, 30_000);
  return { id: sent.id, log, message: h.fake.interaction(sent.id)!.original! };
}

async function press(h: Harness, customId: string, user = admin, permissions?: string): Promise<Step> {
  const sent = await h.fake.sendInteraction(button({ customId, user, ...(permissions ? { permissions } : {}), message: { flags: 64 } }));
  const log = await h.handled(sent.id, 60_000);
  return { id: sent.id, log, message: h.fake.interaction(sent.id)!.original! };
}

function buttons(message: APIMessage): Array<{ label: string; id: string }> {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [{ label: String('label' in c ? c.label : ''), id: c.custom_id }] : [])) : [],
  );
}

function buttonId(message: APIMessage, label: string): string {
  const found = buttons(message).find((b) => b.label === label);
  if (!found) throw new Error(`no ${label} button in ${JSON.stringify(buttons(message))}`);
  return found.id;
}

async function ask(h: Harness, question: string): Promise<string> {
  const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question } }));
  await h.handled(sent.id, 10_000);
  return h.fake.interaction(sent.id)?.original?.embeds[0]?.description ?? '';
}

/** Every file below a folder, as paths relative to it. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

const LIGHTHOUSES = '# Lighthouse keepers\n\nThe lighthouse keepers polish the great lens every Tuesday at dawn.\n\nStorm lanterns are stored in the north tower.\n';

describe('/documents add', () => {
  it('an attachment: a private preview first with nothing written; Confirm writes added/<name>, logs who, reindexes, and answers quote it', async () => {
    const h = await start();
    const preview = await add(h, { file: attachment('lighthouses.md', LIGHTHOUSES, 'text/markdown') });
    expect(preview.log).toMatchObject({ command: 'documents', outcome: 'preview-add', userId: admin.id });
    expect(isEphemeral(h.fake.interaction(preview.id)?.original?.flags)).toBe(true);
    const embed = preview.message.embeds[0]!;
    expect(embed.title).toBe('Add added/lighthouses.md?');
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Format', value: 'md' }),
        expect.objectContaining({ name: 'Title', value: 'Lighthouse keepers' }),
        expect.objectContaining({ name: 'Passages', value: '1' }),
        expect.objectContaining({ name: 'Size', value: `${LIGHTHOUSES.length} bytes` }),
      ]),
    );
    expect(embed.description).toContain('> The lighthouse keepers polish the great lens every Tuesday at dawn.');
    expect(embed.description).toContain('**Lighthouse keepers** · paragraph 1, lines 3–5');
    expect(buttons(preview.message).map((b) => b.label)).toEqual(['Confirm', 'Cancel']);
    expect(existsSync(addedDir())).toBe(false); // nothing written before Confirm

    const confirmed = await press(h, buttonId(preview.message, 'Confirm'));
    expect(confirmed.log).toMatchObject({ command: 'button:docs:confirm', outcome: 'added', userId: admin.id });
    expect(confirmed.message.content).toBe('✅ Added **added/lighthouses.md** (1 passage); answers can quote it now.');
    expect(confirmed.message.components).toEqual([]);
    expect(readFileSync(join(addedDir(), 'lighthouses.md'), 'utf8')).toBe(LIGHTHOUSES);
    expect(h.logs.find((line) => line.msg === 'document added')).toMatchObject({
      source: 'added/lighthouses.md',
      userId: admin.id,
      user: admin.username,
      guildId: DEFAULT_WORLD.guild?.id,
      bytes: LIGHTHOUSES.length,
    });
    const record = JSON.parse(readFileSync(join(bot.test.dir, 'added-documents.json'), 'utf8')) as Record<string, unknown>;
    expect(record['added/lighthouses.md']).toMatchObject({ addedBy: { id: admin.id, name: admin.username } });

    const quotes = quotesIn(await ask(h, 'When do the lighthouse keepers polish the lens?'));
    expect(quotes[0]?.quote).toBe('The lighthouse keepers polish the great lens every Tuesday at dawn.');
  });

  it('a link to a local page is named from its type, remembers its address, and its citations link there', async () => {
    const h = await start();
    const page = web.serve('/handbook/zeppelins', { body: '# Zeppelin handbook\n\nZeppelins are moored to the eastern mast before a thunderstorm.\n', type: 'text/markdown; charset=utf-8' });
    const preview = await add(h, { link: page });
    expect(preview.message.embeds[0]?.title).toBe('Add added/zeppelins.md?');
    expect(preview.message.embeds[0]?.fields).toContainEqual(expect.objectContaining({ name: 'From', value: page }));
    const confirmed = await press(h, buttonId(preview.message, 'Confirm'));
    expect(confirmed.log).toMatchObject({ outcome: 'added' });
    expect(h.logs.find((line) => line.msg === 'document added')).toMatchObject({ source: 'added/zeppelins.md', url: page, userId: admin.id });
    const answer = await ask(h, 'Where are zeppelins moored before a thunderstorm?');
    expect(quotesIn(answer)[0]?.quote).toBe('Zeppelins are moored to the eastern mast before a thunderstorm.');
    expect(answer).toContain(`](${page})`);
  });

  it('refuses links to loopback, private, link-local and IPv4-mapped addresses, and a redirect from an allowed host to one, without fetching them', async () => {
    const h = await start();
    const port = new URL(web.origin).port;
    web.serve('/secret.md', { body: '# Secret\n\nThe vault code is 1234.\n', type: 'text/markdown' });
    const redirect = web.serve('/go', { redirect: `http://localhost:${port}/secret.md` });
    const metadata = web.serve('/metadata', { redirect: 'http://169.254.169.254/latest/meta-data/' });
    const cases: Array<[string, RegExp]> = [
      [`http://localhost:${port}/secret.md`, /^❌ The link leads to localhost \((127\.0\.0\.1|::1)\), a loopback address; citebot only fetches documents from public addresses\.$/u],
      ['http://10.1.2.3/rules.md', /^❌ The link leads to 10\.1\.2\.3, a private address;/u],
      ['http://192.168.0.10/rules.md', /a private address/u],
      [`http://[::ffff:127.0.0.1]:${port}/secret.md`, /^❌ The link leads to ::ffff:7f00:1, a loopback address;/u],
      ['http://[fe80::1]/rules.md', /a link-local address/u],
      [redirect, /^❌ The link redirects to localhost \((127\.0\.0\.1|::1)\), a loopback address;/u],
      [metadata, /^❌ The link redirects to 169\.254\.169\.254, a link-local address;/u],
      ['ftp://127.0.0.1/rules.md', /^❌ The link is not an http or https address\.$/u],
      ['file:///etc/passwd', /^❌ The link is not an http or https address\.$/u],
    ];
    for (const [link, reason] of cases) {
      const step = await add(h, { link });
      expect(step.log, link).toMatchObject({ outcome: 'refused-fetch' });
      expect(step.message.content, link).toMatch(reason);
      expect(step.message.components, link).toEqual([]);
    }
    expect(web.requests).not.toContain('/secret.md');
    expect(web.requests.filter((path) => path === '/go' || path === '/metadata')).toEqual(['/go', '/metadata']);
    expect(filesBelow(bot.test.dir).filter((path) => /secret|rules|passwd/u.test(path))).toEqual([]);
  });

  it('refuses hostile file names and names that clash by case; nothing is written, and links in added/ are never written through', async () => {
    const h = await start();
    const text = '# Notes\n\nThe ferry leaves at noon.\n';
    const hostile: Array<[{ file?: FakeAttachment; name?: string }, RegExp]> = [
      [{ file: attachment('../../../evil.md', text) }, /can't be used: it holds a path; give a plain file name\./u],
      [{ file: attachment('..\\..\\evil.md', text) }, /holds a path/u],
      [{ file: attachment('notes.md', text), name: '/etc/cron.d/evil' }, /holds a path/u],
      [{ file: attachment('notes.md', text), name: '..' }, /starts with a dot/u],
      [{ file: attachment('notes.md', text), name: '.hidden.md' }, /starts with a dot/u],
      [{ file: attachment('notes.md', text), name: 'evil\u202Edm.txt' }, /control or invisible characters/u],
      [{ file: attachment('notes\u0000.md', text) }, /control or invisible characters/u],
      [{ file: attachment('notes.md', text), name: `${'n'.repeat(120)}.md` }, /too long \(at most 100 characters\)/u],
      [{ file: attachment('notes.md', text), name: 'CON.md' }, /device name/u],
      [{ file: attachment('notes.md', text), name: 'what?.md' }, /character file names cannot have/u],
    ];
    for (const [input, reason] of hostile) {
      const step = await add(h, input);
      expect(step.log, JSON.stringify(input.name ?? input.file?.filename)).toMatchObject({ outcome: 'refused-name' });
      expect(step.message.content).toMatch(reason);
      expect(step.message.content).not.toMatch(/[\u0000\u202E]/u); // shown as �, not acted on
    }
    expect(filesBelow(bot.test.dir).filter((path) => /evil|notes|hidden|\.tmp$/u.test(path))).toEqual([]);

    // Two names that differ only by case would be one file on some systems, and confusing on all.
    mkdirSync(addedDir(), { recursive: true });
    writeFileSync(join(addedDir(), 'Ferry.md'), text);
    const clash = await add(h, { file: attachment('ferry.md', '# Ferry\n\nAnother ferry text.\n') });
    expect(clash.log).toMatchObject({ outcome: 'refused-name' });
    expect(clash.message.content).toContain('clashes with **added/Ferry.md**');

    // A link placed in added/ (by someone with a shell) is not written through, even on Replace.
    const outside = join(bot.test.dir, 'outside.txt');
    writeFileSync(outside, 'untouched');
    symlinkSync(outside, join(addedDir(), 'linked.md'));
    const preview = await add(h, { file: attachment('linked.md', '# Linked\n\nText for the link.\n') });
    expect(preview.message.embeds[0]?.title).toBe('Replace added/linked.md?');
    const replaced = await press(h, buttonId(preview.message, 'Replace'));
    expect(replaced.log).toMatchObject({ outcome: 'failed-write' });
    expect(replaced.message.content).toContain('exists and is not a regular file');
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
  });

  it('is refused to members who are not moderators, and so are its buttons', async () => {
    const h = await start();
    const asMember = { user: member, permissions: MEMBER_PERMISSIONS };
    const refused = await add(h, { file: attachment('member.md', '# Member\n\nA member wrote this.\n') }, asMember);
    expect(refused.log).toMatchObject({ outcome: 'refused-permission', userId: member.id });
    expect(refused.message.content).toBe('Only moderators (Manage Server permission or a moderator role) can add or remove documents.');
    expect(web.requests.some((path) => path.endsWith('/member.md'))).toBe(false); // not even fetched

    // A preview made by a moderator, pressed by a member who got hold of its button.
    const preview = await add(h, { file: attachment('mods.md', '# Mods\n\nOnly moderators confirm this.\n') });
    const confirm = buttonId(preview.message, 'Confirm');
    const pressed = await press(h, confirm, member, MEMBER_PERMISSIONS);
    expect(pressed.log).toMatchObject({ outcome: 'refused-permission' });
    expect(existsSync(join(addedDir(), 'mods.md'))).toBe(false);
    for (const sub of ['remove', 'list']) {
      const sent = await h.fake.sendInteraction(chatInput({ name: 'documents', subcommand: sub, options: sub === 'remove' ? { document: 'CSTO-Dushanbe-declaration.txt' } : {}, ...asMember }));
      expect(await h.handled(sent.id)).toMatchObject({ outcome: 'refused-permission' });
    }
    expect(existsSync(join(bot.test.seedsDir, 'CSTO-Dushanbe-declaration.txt'))).toBe(true);
    const dm = await h.fake.sendInteraction(chatInput({ name: 'documents', subcommand: 'list', dm: true, user: admin }));
    expect(await h.handled(dm.id)).toMatchObject({ outcome: 'refused-dm' });
  });

  it('Cancel writes nothing, and the preview cannot be confirmed afterwards', async () => {
    const h = await start();
    const preview = await add(h, { file: attachment('cancelled.md', '# Cancelled\n\nThis should never be indexed.\n') });
    const confirm = buttonId(preview.message, 'Confirm');
    const cancelled = await press(h, buttonId(preview.message, 'Cancel'));
    expect(cancelled.log).toMatchObject({ outcome: 'cancelled' });
    expect(cancelled.message).toMatchObject({ content: 'Cancelled; nothing was written.', embeds: [], components: [] });
    const late = await press(h, confirm);
    expect(late.log).toMatchObject({ outcome: 'expired-preview' });
    expect(existsSync(join(addedDir(), 'cancelled.md'))).toBe(false);
    expect(h.bot.services.reindexer.running).toBe(false);
  });

  it('a second press of Confirm finds nothing to write; a file of that name that appeared since the preview is asked about first', async () => {
    const h = await start();
    const preview = await add(h, { file: attachment('twice.md', '# Twice\n\nPressed two times in a row.\n') });
    const confirm = buttonId(preview.message, 'Confirm');
    const [first, second] = await Promise.all([press(h, confirm), press(h, confirm)]);
    expect([first.log['outcome'], second.log['outcome']].sort()).toEqual(['added', 'expired-preview']);
    expect(h.logs.filter((line) => line.msg === 'document added' && line['source'] === 'added/twice.md')).toHaveLength(1);

    const late = await add(h, { file: attachment('late.md', '# Late\n\nThe preview came first.\n') });
    writeFileSync(join(addedDir(), 'late.md'), '# Late\n\nSomeone with a shell was quicker.\n');
    const asked = await press(h, buttonId(late.message, 'Confirm'));
    expect(asked.log).toMatchObject({ outcome: 'preview-replace' });
    expect(asked.message.embeds[0]?.title).toBe('Replace added/late.md?');
    expect(readFileSync(join(addedDir(), 'late.md'), 'utf8')).toContain('quicker');
    expect((await press(h, buttonId(asked.message, 'Replace'))).log).toMatchObject({ outcome: 'replaced' });
    expect(readFileSync(join(addedDir(), 'late.md'), 'utf8')).toContain('The preview came first.');
  });

  it('says when the same content is already indexed, and gives the reason a file cannot be added, without buttons', async () => {
    const h = await start();
    const same = await add(h, { file: attachment('copy.txt', bot.test.seedText, 'text/plain') });
    expect(same.log).toMatchObject({ outcome: 'preview-indexed' });
    expect(same.message.embeds[0]?.description).toContain('already indexed as **CSTO-Dushanbe-declaration.txt**');
    expect(same.message.components).toEqual([]);
    const binary = await add(h, { file: attachment('data.bin', new Uint8Array([0, 1, 2, 3]), 'application/octet-stream') });
    expect(binary.log).toMatchObject({ outcome: 'preview-refused' });
    expect(binary.message.embeds[0]?.description).toMatch(/^❌ not a document citebot reads \(\.txt, \.md/u);
    expect(binary.message.components).toEqual([]);
    const both = await add(h, { file: attachment('x.md', 'x'), link: 'http://127.0.0.1/x.md' });
    expect(both).toMatchObject({ log: { outcome: 'invalid-input' }, message: { content: 'Give either a `file` or a `link` (one of them).' } });
  });

  it('the same name with other content asks to replace it; Replace swaps it in and keeps the old one aside', async () => {
    const h = await start();
    const first = await add(h, { file: attachment('policy.md', '# Policy\n\nMeetings are held in the blue room.\n') });
    expect((await press(h, buttonId(first.message, 'Confirm'))).log).toMatchObject({ outcome: 'added' });
    const second = await add(h, { file: attachment('policy.md', '# Policy\n\nMeetings are held in the orange greenhouse.\n') });
    expect(second.message.embeds[0]?.title).toBe('Replace added/policy.md?');
    expect(second.message.embeds[0]?.description).toContain('is already there with other content');
    expect(buttons(second.message).map((b) => b.label)).toEqual(['Replace', 'Cancel']);
    const replaced = await press(h, buttonId(second.message, 'Replace'));
    expect(replaced.log).toMatchObject({ outcome: 'replaced' });
    expect(replaced.message.content).toMatch(/^✅ Replaced \*\*added\/policy\.md\*\* \(1 passage\); answers can quote it now\.\nThe old version is kept for 30 days in .*removed.*; to undo, move it back and run \/reindex\.$/u);
    expect(readFileSync(join(addedDir(), 'policy.md'), 'utf8')).toContain('orange greenhouse');
    const kept = filesBelow(removedDir()).filter((path) => path.endsWith('added/policy.md'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(removedDir(), kept[0]!), 'utf8')).toContain('blue room');
    expect(h.logs.find((line) => line.msg === 'document replaced')).toMatchObject({ source: 'added/policy.md', userId: admin.id });
    const answer = await ask(h, 'Where are meetings held?');
    expect(answer).toContain('orange greenhouse');
    expect(answer).not.toContain('blue room');
  });
});

describe('/documents remove', () => {
  it('moves the file out of the documents folder and the index drops it; moving it back and reindexing undoes it', async () => {
    const h = await start();
    const preview = await add(h, { file: attachment('walrus.md', '# Walrus census\n\nThe walrus census counted nine hundred walruses on the ice.\n') });
    await press(h, buttonId(preview.message, 'Confirm'));
    expect(bot.test.engine.documents().map((doc) => doc.source)).toContain('added/walrus.md');

    const sent = await h.fake.sendInteraction(chatInput({ name: 'documents', subcommand: 'remove', options: { document: 'added/walrus.md' }, user: admin }));
    expect(await h.handled(sent.id, 30_000)).toMatchObject({ outcome: 'removed' });
    const reply = h.fake.interaction(sent.id)?.original?.content ?? '';
    expect(reply).toMatch(/^✅ Removed \*\*added\/walrus\.md\*\*; answers no longer quote it\.\nThe file is kept for 30 days in /u);
    expect(existsSync(join(addedDir(), 'walrus.md'))).toBe(false);
    const kept = filesBelow(removedDir()).filter((path) => path.endsWith('added/walrus.md'));
    expect(kept).toHaveLength(1);
    expect(bot.test.engine.documents().map((doc) => doc.source)).not.toContain('added/walrus.md');
    expect(h.logs.find((line) => line.msg === 'document removed')).toMatchObject({ source: 'added/walrus.md', userId: admin.id });

    // Undo, as the README says: move it back, then /reindex.
    renameSync(join(removedDir(), kept[0]!), join(addedDir(), 'walrus.md'));
    const reindex = await h.fake.sendInteraction(chatInput({ name: 'reindex', user: admin }));
    expect(await h.handled(reindex.id, 30_000)).toMatchObject({ outcome: 'reindexed' });
    expect(quotesIn(await ask(h, 'How many walruses did the census count?'))[0]?.quote).toContain('nine hundred walruses');

    for (const bad of ['../outside.txt', '/etc/passwd', 'added/no-such-file.md']) {
      const refused = await h.fake.sendInteraction(chatInput({ name: 'documents', subcommand: 'remove', options: { document: bad }, user: admin }));
      expect(await h.handled(refused.id), bad).toMatchObject({ outcome: 'refused-remove' });
    }
  });
});

describe('/documents list', () => {
  it('lists the documents added from Discord with who added them, a page at a time', async () => {
    const h = await start();
    const preview = await add(h, { file: attachment('ferns.md', '# Ferns\n\nFerns grow in the shaded courtyard.\n') });
    await press(h, buttonId(preview.message, 'Confirm'));
    // More, copied in by hand (not indexed yet).
    for (let i = 0; i < 12; i++) writeFileSync(join(addedDir(), `extra-${String(i).padStart(2, '0')}.txt`), `Extra note ${i}.`);
    const sent = await h.fake.sendInteraction(chatInput({ name: 'documents', subcommand: 'list', user: admin }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome: 'listed' });
    const first = h.fake.interaction(sent.id)!.original!;
    const total = readdirSync(addedDir()).length; // with what the other tests of this file added
    const pages = Math.ceil(total / 10);
    expect(first.embeds[0]?.title).toBe(`Documents added from Discord (${total})`);
    expect(first.embeds[0]?.footer?.text).toBe(`page 1 of ${pages} · /sources lists every indexed document`);
    expect(first.embeds[0]?.description?.split('\n')).toHaveLength(10);
    const shown = [first];
    for (let page = 2; page <= pages; page++) {
      const next = await press(h, buttonId(shown.at(-1)!, 'Next'));
      expect(next.log).toMatchObject({ outcome: 'page' });
      expect(next.message.embeds[0]?.footer?.text).toMatch(new RegExp(`^page ${page} of ${pages} · `, 'u'));
      shown.push(next.message);
    }
    expect(buttons(shown.at(-1)!).map((b) => b.label)).toEqual(['Previous']);
    const all = shown.map((message) => message.embeds[0]?.description).join('\n');
    expect(all.split('\n')).toHaveLength(total);
    expect(all).toMatch(new RegExp(`• \\*\\*added/ferns\\.md\\*\\* · 1 passage · added by <@${admin.id}> · <t:\\d+:d>`, 'u'));
    expect(all).toContain('• **added/extra-11.txt** · not indexed');
  });
});
