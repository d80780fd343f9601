// A bot killed (SIGKILL) in the middle of writing a document from Discord leaves the old file whole, no part of the
// new one where a reader looks, and an index that still answers; the next start clears the temporary file.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIMessage } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, button, chatInput, startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { killGroup, startBotProcess, until, type BotProcess } from './bot-process.ts';
import { PROJECT, TEST_MODEL, messagesWithMentionsOn, quotesIn } from './harness.ts';

const { admin } = DEFAULT_WORLD.users;
const STALL = pathToFileURL(join(import.meta.dirname, 'fixtures/stall-document-write.mjs')).href;
const OLD = '# Opening hours\n\nThe reading room opens at nine in the morning.\n';

let fake: FakeDiscord | undefined;
let web: WebServer | undefined;
let bots: BotProcess[] = [];
let dir: string | undefined;

afterEach(async () => {
  for (const bot of bots) await killGroup(bot);
  await fake?.close();
  await web?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  [fake, web, bots, dir] = [undefined, undefined, [], undefined];
});

describe('a kill while a document from Discord is being written', () => {
  it('leaves the old file intact and no half-written file in its place; the index still answers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'citebot-kill-write-'));
    const seeds = join(dir, 'seeds');
    cpSync(join(PROJECT, 'seeds'), seeds, { recursive: true });
    mkdirSync(join(seeds, 'added'));
    writeFileSync(join(seeds, 'added', 'hours.md'), OLD);
    fake = await startFakeDiscord();
    web = await startWebServer();
    const marker = join(dir, 'stalled');
    const env = {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: fake.apiUrl,
      SEEDS_DIR: seeds,
      INDEX_DIR: join(dir, 'index'),
      MODELS_DIR: join(PROJECT, 'data/models'),
      EMBEDDING_MODEL: TEST_MODEL,
      REMOVED_DIR: join(dir, 'removed'),
      ADDED_DOCUMENTS_FILE: join(dir, 'added-documents.json'),
      DOCUMENT_FETCH_ALLOWED_HOSTS: '127.0.0.1',
    };
    const stalling = startBotProcess('node --import tsx bot/main.ts', { ...env, NODE_OPTIONS: `--import ${STALL}`, STALL_MARKER: marker });
    bots.push(stalling);
    await until(() => stalling.stdout().includes('"citebot ready"'), 'the bot to be ready', 60_000);

    // A new version, a few megabytes, so the kill lands with part of it on disk.
    const NEW = `# Opening hours\n\n${'The reading room now opens at ten. '.repeat(60_000)}\n`;
    const url = web.serve('/attachments/1/hours.md', { body: NEW, type: 'text/markdown' });
    const added = await fake.sendInteraction(
      chatInput({ name: 'documents', subcommand: 'add', user: admin, attachments: { file: { filename: 'hours.md', url, size: NEW.length } } }),
    );
    const preview = await handled(stalling, added.id);
    expect(preview).toMatchObject({ outcome: 'preview-replace' });
    const replace = customIdOf(fake.interaction(added.id)?.original, 'Replace');
    await fake.sendInteraction(button({ customId: replace, user: admin, message: { flags: 64 } }));
    await until(() => existsSync(marker), 'the write to start', 30_000);
    await killGroup(stalling);

    const addedDir = join(seeds, 'added');
    expect(readFileSync(join(addedDir, 'hours.md'), 'utf8')).toBe(OLD);
    const leftover = readdirSync(addedDir).filter((name) => name !== 'hours.md');
    expect(leftover).toEqual([expect.stringMatching(/^hours\.md\.\d+\.tmp$/u)]); // the half-written temporary file, under another name
    expect(readFileSync(join(addedDir, leftover[0]!)).length).toBeLessThan(NEW.length);

    // Started again (normally): the temporary file is cleared, the old text is still what answers quote.
    const again = startBotProcess('node --import tsx bot/main.ts', env);
    bots.push(again);
    await until(() => again.stdout().includes('"citebot ready"'), 'the bot to be ready again', 60_000);
    expect(readdirSync(addedDir)).toEqual(['hours.md']);
    const asked = await fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'When does the reading room open?' } }));
    expect(await handled(again, asked.id)).toMatchObject({ outcome: 'answered' });
    const quotes = quotesIn(fake.interaction(asked.id)?.original?.embeds[0]?.description ?? '');
    expect(quotes[0]?.quote).toBe('The reading room opens at nine in the morning.');
    expect(messagesWithMentionsOn(fake.requests)).toEqual([]);
    expect(fake.internalErrors).toEqual([]);
  });
});

/** The bot process's one log line for an interaction, once it has finished handling it. */
async function handled(bot: BotProcess, interactionId: string): Promise<Record<string, unknown>> {
  const find = () => bot.logs().find((line) => line['event'] === 'interaction' && line['interactionId'] === interactionId);
  await until(() => find() !== undefined, `interaction ${interactionId} to be handled`, 30_000);
  return find()!;
}

function customIdOf(message: APIMessage | null | undefined, label: string): string {
  for (const row of message?.components ?? []) {
    if (!('components' in row)) continue;
    for (const component of row.components) if ('label' in component && component.label === label && 'custom_id' in component) return component.custom_id;
  }
  throw new Error(`no ${label} button`);
}
