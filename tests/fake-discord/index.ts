/**
 * A fake Discord (REST + gateway on 127.0.0.1) for end-to-end tests of the bot with the real discord.js client.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, retries: 0 } });
 *   await client.login('fake-token'); // then wait for Events.ClientReady
 *   const sent = await fake.sendInteraction(chatInput({ name: 'ask', options: { question: 'why?' } }));
 *   const [callback, edit] = await fake.waitForMessages(sent.token, 2);
 *   expect(fake.interaction(sent.id)?.original?.content).toContain('why');
 *   await client.destroy(); await fake.close();
 */
export { startFakeDiscord, FakeDiscord, type FakeDiscordOptions, type SentInteraction } from './fake-discord.ts';
export type { RecordedRequest } from './recorder.ts';
export type { FailRule, Hold, HoldRule } from './faults.ts';
export type { GatewayFrame } from './gateway.ts';
export type { InteractionState } from './interactions.ts';
export {
  chatInput,
  autocomplete,
  button,
  selectMenu,
  messageContextMenu,
  createPayloads,
  typedOption,
  type Actor,
  type ChatInputSpec,
  type FakeAttachment,
  type AutocompleteSpec,
  type ButtonSpec,
  type SelectMenuSpec,
  type MessageContextMenuSpec,
  type OptionsInput,
  type OptionValue,
  type Payloads,
} from './payloads.ts';
export {
  DEFAULT_WORLD,
  MEMBER_PERMISSIONS,
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  makeUser,
  type FakeWorld,
  type FakeGuild,
  type FakeTextChannel,
} from './world.ts';
