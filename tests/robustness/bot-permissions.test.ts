// Permission bypass attempts against the real bot: /reindex (the one moderator action) by members without the
// permission or role, through other interaction types that carry its name, and buttons with forged custom_ids or
// taken from another user's private answer. All are refused, privately, and nothing runs.
// (tests/bot/reindex.test.ts and buttons.test.ts cover the plain non-moderator, the DM and a few forged ids.)
import { existsSync } from 'node:fs';
import { ApplicationCommandType, InteractionType, PermissionFlagsBits, type APIMessage } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ANSWER_KEY, parseAskCustomId } from '../../bot/custom-ids.ts';
import { DEFAULT_WORLD, autocomplete, button, chatInput, makeUser, messageContextMenu, selectMenu, type Actor } from '../fake-discord/index.ts';
import { messagesWithMentionsOn, openTestEngine, startHarness, type Harness, type TestEngine } from '../bot/harness.ts';

const MOD_ROLE = '600000000000000001';
const QUESTION = 'Does the CSTO support the nuclear non-proliferation treaty?';
const { member, admin } = DEFAULT_WORLD.users;
const mallory = makeUser('400000000000000666', 'mallory');
const { ManageMessages, KickMembers, BanMembers, ManageChannels, ManageRoles, ModerateMembers, ViewChannel, SendMessages } =
  PermissionFlagsBits;
const NEAR_MODERATOR = (ViewChannel | SendMessages | ManageMessages | KickMembers | BanMembers | ManageChannels | ManageRoles | ModerateMembers).toString();

let test: TestEngine;
let h: Harness;
let reindexRuns: MockInstance;

beforeAll(async () => {
  test = await openTestEngine();
  h = await startHarness(test, { env: { MODERATOR_ROLE_IDS: MOD_ROLE }, settings: { rateLimit: { max: 1000, windowMs: 1000 } } });
  reindexRuns = vi.spyOn(h.bot.services.reindexer, 'run');
});
afterAll(async () => {
  await h?.close();
  expect(h.clientErrors).toEqual([]);
  expect(h.fake.internalErrors).toEqual([]);
  expect(messagesWithMentionsOn(h.fake.requests)).toEqual([]);
  expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  await test?.close();
});
beforeEach(() => {
  reindexRuns.mockClear();
});

/** The bot's one reply to an interaction: ephemeral, with this content. */
function privateReply(interactionId: string): string {
  const callbacks = h.fake.callbacksFor(interactionId);
  expect(callbacks).toHaveLength(1);
  const body = callbacks[0]?.body as { type?: number; data?: { flags?: number; content?: string } };
  expect(body.type).toBe(4);
  expect(body.data?.flags).toBe(64);
  return body.data?.content ?? '';
}

describe('/reindex by someone who is not a moderator', () => {
  const cases: Array<[string, Actor, string]> = [
    ['moderator-like permissions without Manage Server', { user: mallory, permissions: NEAR_MODERATOR }, 'refused-permission'],
    ['no permissions, holding the @everyone role', { user: mallory, permissions: '0', roles: [DEFAULT_WORLD.guild?.id ?? ''] }, 'refused-permission'],
    ['a role one digit off the moderator role', { user: mallory, roles: ['600000000000000002', '60000000000000001'] }, 'refused-permission'],
    ['the server admin, but in a DM', { user: admin, dm: true }, 'refused-dm'],
  ];
  it.each(cases)('is refused: %s', async (_, actor, outcome) => {
    const before = h.logs.length;
    const sent = await h.fake.sendInteraction(chatInput({ name: 'reindex', options: { full: true }, ...actor }));
    expect(await h.handled(sent.id)).toMatchObject({ outcome });
    expect(privateReply(sent.id)).toMatch(/^(Only moderators|Reindexing can only be started from a server)/u);
    expect(reindexRuns).not.toHaveBeenCalled();
    const warnings = h.logs.slice(before).filter((line) => line.level === 40);
    expect(warnings).toMatchObject([{ msg: expect.stringMatching(/^reindex refused: /u), userId: actor.user?.id }]);
  });

  it('is not reachable through autocomplete or a context-menu command of the same name', async () => {
    const viaAutocomplete = await h.fake.sendInteraction(autocomplete({ name: 'reindex', focused: 'full', options: { full: 'x' }, user: mallory }));
    expect(await h.handled(viaAutocomplete.id)).toMatchObject({ outcome: 'unknown-command' });
    expect(h.fake.interaction(viaAutocomplete.id)?.choices).toEqual([]);
    const viaMenu = messageContextMenu({ name: 'reindex', targetMessage: { content: 'full' }, user: mallory });
    expect(viaMenu).toMatchObject({ type: InteractionType.ApplicationCommand, data: { type: ApplicationCommandType.Message } });
    await h.fake.sendInteraction(viaMenu);
    expect(await h.handled(viaMenu.id)).toMatchObject({ outcome: 'unknown-command' });
    expect(privateReply(viaMenu.id)).toContain("I don't know that command");
    expect(reindexRuns).not.toHaveBeenCalled();
  });
});

describe('forged and foreign buttons', () => {
  let privateAnswer: APIMessage;
  let publicAnswer: APIMessage;
  let key: string;

  beforeAll(async () => {
    const asked = async (isPrivate: boolean): Promise<APIMessage> => {
      const sent = await h.fake.sendInteraction(chatInput({ name: 'ask', options: { question: QUESTION, private: isPrivate }, user: member }));
      expect(await h.handled(sent.id)).toMatchObject({ outcome: 'answered' });
      const message = h.fake.interaction(sent.id)?.original;
      if (!message) throw new Error('no answer');
      return message;
    };
    privateAnswer = await asked(true);
    publicAnswer = await asked(false);
    const ids = JSON.stringify(privateAnswer.components);
    key = /"ask:fb:up:([0-9a-z]{10})"/u.exec(ids)?.[1] ?? '';
    expect(key).toMatch(ANSWER_KEY);
  });

  /** Presses `customId` (on `message`); the bot must refuse privately and change nothing. */
  async function expectRefused(customId: string, actor: Actor, message = privateAnswer, menuValues?: string[]): Promise<void> {
    const threads = h.fake.threads.length;
    const where = { customId, message, channelId: message.channel_id, ...actor };
    const sent = await h.fake.sendInteraction(menuValues ? selectMenu({ ...where, values: menuValues }) : button(where));
    const { outcome } = await h.handled(sent.id);
    expect(['invalid-button', 'expired'], `${JSON.stringify(customId)} → ${String(outcome)}`).toContain(outcome);
    expect(privateReply(sent.id)).toMatch(/^(That button isn't valid\.|This answer has expired)/u);
    expect(h.fake.threads).toHaveLength(threads);
    expect(existsSync(h.config.feedbackFile)).toBe(false);
    expect(reindexRuns).not.toHaveBeenCalled();
  }

  it("refuses every action on another user's private answer, and a thread from a DM or a private answer", async () => {
    for (const action of ['more:1', 'ctx:0', 'ctx:1', 'thread:0', 'fb:up', 'fb:down']) {
      await expectRefused(`ask:${action}:${key}`, { user: mallory });
      await expectRefused(`ask:${action}:${key}`, { user: mallory, dm: true });
    }
    for (const values of [['0'], ['1']]) await expectRefused(`ask:ctx:0:${key}`, { user: mallory }, privateAnswer, values);
    await expectRefused(`ask:thread:0:${key}`, { user: member }); // the owner, but the answer is private
    const publicKey = /"ask:thread:0:([0-9a-z]{10})"/u.exec(JSON.stringify(publicAnswer.components))?.[1] ?? '';
    await expectRefused(`ask:thread:0:${publicKey}`, { user: member, dm: true }, publicAnswer);
    // The owner's own press works: the refusals above are not the only thing the bot can say.
    const own = await h.fake.sendInteraction(selectMenu({ customId: `ask:ctx:0:${key}`, values: ['0'], message: privateAnswer, channelId: privateAnswer.channel_id, user: member }));
    expect(await h.handled(own.id)).toMatchObject({ outcome: 'context' });
  });

  it('refuses crafted custom_ids: reindex-looking, malformed, out of range, look-alike digits and keys', async () => {
    const crafted = [
      'reindex', 'reindex:full', 'reindex:confirm:1', 'mod:reindex', `ask:reindex:0:${key}`, `reindex:0:${key}`,
      `ask:more:0:${key}\n`, ` ask:more:0:${key}`, `ask:more:0:${key}:x`, `ask:more:00:${key}`, `ask:more:-1:${key}`,
      `ask:more:99:${key}`, `ask:ctx:98:${key}`, `ask:ctx:1e1:${key}`, `ask:ctx:٠:${key}`, `ask:ctx:０:${key}`, `ask:fb:UP:${key}`,
      `ask:fb:up:${key.toUpperCase()}`, `ask:fb:up:${key.slice(1)}`, `ask:fb:maybe:${key}`, 'ask', 'ask:', ':', 'x'.repeat(100),
      `ask:ctx:0:${key.slice(0, 9)}\u0430`, // Cyrillic "a" for a Latin one
    ];
    for (const customId of crafted) await expectRefused(customId, { user: member });
    for (const values of [['98'], ['1e1'], ['-1'], ['00'], ['٠'], [], ['0', '1']]) {
      await expectRefused(`ask:ctx:0:${key}`, { user: member }, privateAnswer, values);
    }
  });

  it('refuses arbitrary custom_ids (1-100 characters), and mutations of real ones', async () => {
    const mutated = fc
      .tuple(fc.constantFrom('more', 'ctx', 'thread', 'fb'), fc.string({ maxLength: 4 }), fc.string({ maxLength: 12 }))
      .map(([action, arg, k]) => `ask:${action}:${arg}:${k}`);
    const customId = fc
      .oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), mutated)
      .filter((id) => id.length >= 1 && id.length <= 100 && parseAskCustomId(id)?.key !== key);
    await fc.assert(
      fc.asyncProperty(customId, fc.boolean(), async (id, dm) => expectRefused(id, { user: dm ? mallory : member, dm })),
      { numRuns: 80 },
    );
  });
});
