import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WORLD,
  autocomplete,
  button,
  chatInput,
  messageContextMenu,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from '../fake-discord/index.ts';

const APP_ID = DEFAULT_WORLD.applicationId;
const CHANNEL_ID = DEFAULT_WORLD.guild?.channels[0]?.id ?? '';

const WAIT_MS = 5000;

let fake: FakeDiscord | undefined;
let client: Client | undefined;
let clientErrors: Error[] = [];

/** Starts a fake Discord and logs a real discord.js client into it. */
async function connect(options?: FakeDiscordOptions): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(options);
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl, retries: 0, timeout: 2000 },
  });
  client.on(Events.Error, (error) => clientErrors.push(error));
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(WAIT_MS) });
  await client.login('fake-token');
  await ready;
  return { fake, client };
}

/** Runs `handle` on the next interaction the client receives; resolves with what it returns. */
function onNextInteraction<T>(bot: Client, handle: (interaction: Interaction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no interaction handled within ${WAIT_MS} ms`)), WAIT_MS);
    bot.once(Events.InteractionCreate, (interaction) => {
      void handle(interaction)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  });
}

/** Resolves when the client has resumed its gateway session. */
function nextResume(bot: Client): Promise<unknown> {
  return once(bot, Events.ShardResume, { signal: AbortSignal.timeout(WAIT_MS) });
}

/** Calls `action`, returning the error it throws (or fails the test if it does not throw). */
async function errorFrom(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  expect(clientErrors).toEqual([]);
  expect(fake?.internalErrors ?? []).toEqual([]);
  client = undefined;
  fake = undefined;
  clientErrors = [];
});

describe('a real discord.js client against the fake Discord', () => {
  it('defers ephemerally, then edits the reply with mentions disabled', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const question = interaction.options.getString('question', true);
      await interaction.editReply({ content: `You asked: ${question}`, allowedMentions: { parse: [] } });
      return interaction;
    });

    const payload = chatInput({ name: 'ask', options: { question: 'who is @everyone?', top: 3 } });
    const sent = await fake.sendInteraction(payload);
    const interaction = await handled;

    const [callback, edit, ...rest] = fake.messagesFor(sent.token);
    expect(rest).toEqual([]);
    expect(callback).toMatchObject({
      method: 'POST',
      path: `/interactions/${sent.id}/${sent.token}/callback`,
      body: { type: 5, data: { flags: 64 } },
      response: { status: 204 },
    });
    expect(edit).toMatchObject({
      method: 'PATCH',
      path: `/webhooks/${APP_ID}/${sent.token}/messages/@original`,
      body: { content: 'You asked: who is @everyone?', allowed_mentions: { parse: [] } },
      response: { status: 200 },
    });
    expect((callback?.at ?? Infinity) - sent.sentAt).toBeLessThan(3000);
    expect(fake.interaction(sent.id)?.original).toMatchObject({ content: 'You asked: who is @everyone?', flags: 64 });

    // The payload is realistic enough for discord.js to fill its caches and read options and permissions.
    expect(interaction.options.getInteger('top')).toBe(3);
    expect(interaction.guild?.name).toBe('Fake Guild');
    expect(interaction.channel?.id).toBe(CHANNEL_ID);
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
  });

  it('updates the message a button sits on', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({ content: `Pressed ${interaction.customId}`, components: [] });
    });

    const sent = await fake.sendInteraction(button({ customId: 'sources:42', user: DEFAULT_WORLD.users.admin }));
    await handled;

    expect(fake.callbacksFor(sent.id)).toMatchObject([
      { body: { type: 7, data: { content: 'Pressed sources:42', components: [] } } },
    ]);
    const updated = fake.channelMessages(CHANNEL_ID).find((message) => message.id === sent.payload.message.id);
    expect(updated).toMatchObject({ content: 'Pressed sources:42', components: [] });
  });

  it('answers autocomplete with choices', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed}ing`, value: `${typed}ing` }]);
    });

    const payload = autocomplete({ name: 'ask', focused: 'question', options: { question: 'index' } });
    const sent = await fake.sendInteraction(payload);
    await handled;

    expect(fake.callbacksFor(sent.id)).toMatchObject([
      { body: { type: 8, data: { choices: [{ name: 'indexing', value: 'indexing' }] } }, response: { status: 204 } },
    ]);
  });

  it('resumes after RECONNECT and answers an interaction dispatched while away (replayed)', async () => {
    const { fake, client } = await connect();
    const resumed = nextResume(client);
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
      await interaction.reply({ content: 'still here', allowedMentions: { parse: [] } });
    });

    await fake.requestReconnect();
    expect(fake.gatewayConnected).toBe(false);
    const sent = await fake.sendInteraction(chatInput({ name: 'ping' }));
    await resumed;
    await handled;

    expect(fake.gatewayReceived.filter((frame) => frame.op === 6)).toHaveLength(1); // RESUME
    expect(fake.gatewayReceived.filter((frame) => frame.op === 2)).toHaveLength(1); // no second IDENTIFY
    expect(fake.callbacksFor(sent.id)).toMatchObject([{ body: { type: 4, data: { content: 'still here' } } }]);

    // A dropped connection (no close frame) is resumed too.
    const resumedAgain = nextResume(client);
    await fake.dropConnection();
    await resumedAgain;
    expect(fake.gatewayReceived.filter((frame) => frame.op === 6)).toHaveLength(2);
  });

  it('surfaces an injected 500 as an error in the handler when retries are off', async () => {
    const { fake, client } = await connect();
    fake.failNext({ method: 'POST', pathIncludes: '/callback', status: 500 });
    const handled = onNextInteraction(client, (interaction) =>
      errorFrom(async () => {
        if (interaction.isChatInputCommand()) await interaction.reply({ content: 'never arrives' });
      }),
    );

    const sent = await fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'x' } }));
    const error = await handled;

    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status: 500 });
    expect(fake.interaction(sent.id)?.acknowledgedAt).toBeNull();
  });

  it('answers 404 Unknown Webhook to editReply after the token expired', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
      await interaction.deferReply();
      fake.expireInteraction(interaction.token);
      return errorFrom(() => interaction.editReply({ content: 'too late' }));
    });

    await fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'x' } }));
    const error = await handled;

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 404, code: 10015 });
  });
});

describe("the fake Discord enforces Discord's rules", () => {
  it('rejects a second callback with 40060', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
      await interaction.deferReply();
      // discord.js guards against answering twice itself, so go around it to reach Discord's rule.
      const route = Routes.interactionCallback(interaction.id, interaction.token);
      return errorFrom(() => client.rest.post(route, { body: { type: 5 }, auth: false }));
    });

    const sent = await fake.sendInteraction(chatInput({ name: 'ask' }));

    expect(await handled).toMatchObject({ status: 400, code: 40060 });
    expect(fake.callbacksFor(sent.id).map((request) => request.response?.status)).toEqual([204, 400]);
  });

  it('rejects a callback after the deadline with 10062 Unknown interaction', async () => {
    const { fake, client } = await connect({ ackDeadlineMs: 100 });
    const handled = onNextInteraction(client, async (interaction) => {
      await sleep(300);
      return errorFrom(async () => {
        if (interaction.isChatInputCommand()) await interaction.deferReply();
      });
    });

    await fake.sendInteraction(chatInput({ name: 'ask' }));

    expect(await handled).toMatchObject({ status: 404, code: 10062 });
  });

  it('enforces limits, fills a deferred reply with the first follow-up, threads off public replies', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu command');
      await interaction.deferReply();
      const tooLong = await errorFrom(() => interaction.editReply({ content: 'x'.repeat(2001) }));
      const reply = await interaction.followUp({ content: `Quoting: ${interaction.targetMessage.content}` });
      const thread = await reply.startThread({ name: 'Sources' });
      await thread.send({ content: 'first source', allowedMentions: { parse: [] } });
      return { tooLong, reply, thread };
    });

    const sent = await fake.sendInteraction(
      messageContextMenu({ name: 'Cite this', targetMessage: { content: 'the sky is blue' } }),
    );
    const { tooLong, reply, thread } = await handled;

    expect(tooLong).toMatchObject({ status: 400, code: 50035 });
    expect(reply.id).toBe(fake.interaction(sent.id)?.original?.id);
    expect(fake.interaction(sent.id)?.followUps).toEqual([]);
    expect(thread.id).toBe(reply.id);
    expect(fake.threads).toMatchObject([{ id: reply.id, name: 'Sources', parent_id: CHANNEL_ID }]);
    expect(fake.channelMessages(thread.id)).toMatchObject([{ content: 'first source' }]);
  });

  it('registers commands through REST and retries after a 429', async () => {
    fake = await startFakeDiscord();
    const rest = new REST({ api: fake.apiUrl, retries: 0, timeout: 2000 }).setToken('fake-token');
    fake.failNext({ method: 'PUT', status: 429, retryAfterSeconds: 0.1 });
    const question = { name: 'question', description: 'What to ask', type: 3, required: true };
    const body = [{ name: 'ask', description: 'Ask the documents', options: [question] }];

    const saved = await rest.put(Routes.applicationGuildCommands(APP_ID, DEFAULT_WORLD.guild?.id ?? ''), { body });

    expect(saved).toMatchObject([{ name: 'ask', application_id: APP_ID }]);
    const puts = fake.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.response?.status)).toEqual([429, 200]);
    const badName = [{ name: 'Ask Me', description: '' }];
    const invalid = await errorFrom(() => rest.put(Routes.applicationCommands(APP_ID), { body: badName }));
    expect(invalid).toMatchObject({ status: 400, code: 50035 });
  });
});
