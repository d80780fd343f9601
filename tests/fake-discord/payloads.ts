import {
  ApplicationCommandOptionType as OptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIUser,
} from 'discord.js';
import { nextInteractionToken, nextSnowflake } from './ids.ts';
import type { JsonObject } from './json.ts';
import { createMessage } from './messages.ts';
import { textChannelObject } from './objects.ts';
import {
  ADMIN_PERMISSIONS,
  BOT_PERMISSIONS,
  DEFAULT_WORLD,
  MEMBER_PERMISSIONS,
  defaultChannelId,
  dmChannelId,
  type FakeWorld,
} from './world.ts';

/** Who does it, and where. Defaults: the world's ordinary member, in its guild's first channel. */
export interface Actor {
  /** Default: `world.users.member`. */
  user?: APIUser;
  /** Decimal bitfield string. Default: ADMIN_PERMISSIONS for `world.users.admin`, else MEMBER_PERMISSIONS. */
  permissions?: string;
  roles?: string[];
  guildId?: string;
  channelId?: string;
  /** In a DM with the bot: no guild, no member, `user` set. */
  dm?: boolean;
  locale?: Locale;
  /** The guild channel's type (default GuildText), e.g. GuildVoice for a voice channel's chat. */
  channelType?: ChannelType;
  /** `app_permissions` (default BOT_PERMISSIONS). */
  appPermissions?: string;
}

export type OptionValue = string | number | boolean;

/** `{ question: 'x', limit: 3, public: true }` → typed options (string 3, integer 4, number 10, boolean 5). */
export type OptionsInput = Record<string, OptionValue> | APIApplicationCommandInteractionDataBasicOption[];

export interface ChatInputSpec extends Actor {
  name: string;
  /** `/name subcommand ...`: the options go inside the subcommand. */
  subcommand?: string;
  options?: OptionsInput;
  /** Attachment options by name, sent as Discord does: the option holds an id, `resolved.attachments` the file. */
  attachments?: Record<string, FakeAttachment>;
}

/** A file a member attached to a command option (the bot downloads it from `url`). */
export interface FakeAttachment {
  filename: string;
  url: string;
  size: number;
  contentType?: string;
}

export interface AutocompleteSpec extends Actor {
  name: string;
  /** Name of the option being typed; its value is sent as the partial text (a string). */
  focused: string;
  options: Record<string, OptionValue>;
}

export interface ButtonSpec extends Actor {
  customId: string;
  /** Overrides of the message the button is on (default: a bot message holding this button). */
  message?: Partial<APIMessage>;
}

export interface SelectMenuSpec extends Actor {
  customId: string;
  /** The options picked. */
  values: string[];
  /** Overrides of the message the menu is on (default: a bot message holding this menu). */
  message?: Partial<APIMessage>;
}

export interface MessageContextMenuSpec extends Actor {
  name: string;
  targetMessage: { id?: string; content: string; author?: APIUser };
}

const commandIds = new Map<string, string>();
function commandId(name: string): string {
  let id = commandIds.get(name);
  if (!id) commandIds.set(name, (id = nextSnowflake()));
  return id;
}

export function typedOption(name: string, value: OptionValue): APIApplicationCommandInteractionDataBasicOption {
  if (typeof value === 'string') return { name, type: OptionType.String, value };
  if (typeof value === 'boolean') return { name, type: OptionType.Boolean, value };
  return Number.isInteger(value) ? { name, type: OptionType.Integer, value } : { name, type: OptionType.Number, value };
}

function toOptions(options: OptionsInput | undefined): APIApplicationCommandInteractionDataBasicOption[] {
  if (Array.isArray(options)) return options;
  return Object.entries(options ?? {}).map(([name, value]) => typedOption(name, value));
}

/** Builders of INTERACTION_CREATE payloads for one world (ids, app, guild, channels, users). */
export function createPayloads(world: FakeWorld) {
  /** Fields every interaction has: ids, token, where it happened and who did it. */
  function common(actor: Actor) {
    const user = actor.user ?? world.users.member;
    const base = {
      id: nextSnowflake(),
      application_id: world.applicationId,
      token: nextInteractionToken(),
      version: 1 as const,
      app_permissions: actor.appPermissions ?? BOT_PERMISSIONS,
      locale: actor.locale ?? Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (actor.dm) {
      const channelId = actor.channelId ?? dmChannelId(user);
      return {
        ...base,
        user,
        channel: { id: channelId, type: ChannelType.DM as const, recipients: [user], last_message_id: null, flags: 0 },
        channel_id: channelId,
        context: InteractionContextType.BotDM,
        authorizing_integration_owners: { '1': user.id },
      };
    }
    const guildId = actor.guildId ?? world.guild?.id ?? '200000000000000001';
    const channelId = actor.channelId ?? defaultChannelId(world);
    const known = world.guild?.channels.find((channel) => channel.id === channelId);
    const member: APIInteractionGuildMember = {
      user,
      roles: actor.roles ?? [],
      permissions: actor.permissions ?? (user.id === world.users.admin.id ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS),
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      nick: null,
      avatar: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
    return {
      ...base,
      guild_id: guildId,
      guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel: {
        ...textChannelObject(guildId, known ?? { id: channelId, name: `channel-${channelId.slice(-4)}` }),
        type: actor.channelType ?? ChannelType.GuildText,
      } as { id: string; type: ChannelType.GuildText },
      channel_id: channelId,
      member,
      context: InteractionContextType.Guild,
      authorizing_integration_owners: { '0': guildId },
    };
  }

  /** A slash command: `/name [subcommand] option:value ...`. */
  function chatInput(spec: ChatInputSpec): APIChatInputApplicationCommandInteraction {
    const attachments = Object.entries(spec.attachments ?? {}).map(([name, file]) => ({ name, file, id: nextSnowflake() }));
    const options = [
      ...toOptions(spec.options),
      ...attachments.map(({ name, id }) => ({ name, type: OptionType.Attachment as const, value: id })),
    ];
    const resolved = Object.fromEntries(
      attachments.map(({ file, id }) => [
        id,
        { id, filename: file.filename, size: file.size, url: file.url, proxy_url: file.url, ...(file.contentType ? { content_type: file.contentType } : {}) },
      ]),
    );
    return {
      ...common(spec),
      type: InteractionType.ApplicationCommand,
      data: {
        id: commandId(spec.name),
        name: spec.name,
        type: ApplicationCommandType.ChatInput,
        options: spec.subcommand ? [{ name: spec.subcommand, type: OptionType.Subcommand, options }] : options,
        ...(attachments.length > 0 ? { resolved: { attachments: resolved } } : {}),
      },
    };
  }

  /** The user is typing in option `focused`; the bot should answer with choices. */
  function autocomplete(spec: AutocompleteSpec): APIApplicationCommandAutocompleteInteraction {
    const options = Object.entries(spec.options).map(([name, value]) =>
      name === spec.focused
        ? { name, type: OptionType.String as const, value: String(value), focused: true }
        : typedOption(name, value),
    );
    if (!options.some((option) => option.name === spec.focused)) {
      throw new Error(`autocomplete: focused option "${spec.focused}" is not in options`);
    }
    return {
      ...common(spec),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { id: commandId(spec.name), name: spec.name, type: ApplicationCommandType.ChatInput, options },
    };
  }

  /** Where a component interaction happens: the bot message holding `component` (or the spec's own message). */
  function onBotMessage(spec: Actor & { message?: Partial<APIMessage> }, component: JsonObject, content: string) {
    const base = common(spec);
    const components = [{ type: ComponentType.ActionRow, components: [component] }];
    const origin = {
      channelId: base.channel.id,
      guildId: 'guild_id' in base ? base.guild_id : undefined,
      author: world.botUser,
      applicationId: world.applicationId,
    };
    const message: APIMessage = { ...createMessage(origin, { content, components }), ...spec.message };
    return { ...base, type: InteractionType.MessageComponent as const, channel_id: base.channel.id, message };
  }

  /** A press on a button (custom_id) that sits on a bot message. */
  function button(spec: ButtonSpec): APIMessageComponentButtonInteraction {
    const pressed = { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: spec.customId, label: 'Button' };
    return {
      ...onBotMessage(spec, pressed, 'A message with a button'),
      data: { custom_id: spec.customId, component_type: ComponentType.Button },
    };
  }

  /** A choice in a string select menu (custom_id) that sits on a bot message. */
  function selectMenu(spec: SelectMenuSpec): APIMessageComponentSelectMenuInteraction {
    const options = spec.values.map((value) => ({ label: value, value }));
    const menu = { type: ComponentType.StringSelect, custom_id: spec.customId, options };
    return {
      ...onBotMessage(spec, menu, 'A message with a menu'),
      data: { custom_id: spec.customId, component_type: ComponentType.StringSelect, values: spec.values },
    };
  }

  /** "Apps → name" on someone's message. */
  function messageContextMenu(spec: MessageContextMenuSpec): APIMessageApplicationCommandInteraction {
    const base = common(spec);
    const target = spec.targetMessage;
    const message = createMessage(
      { channelId: base.channel.id, author: target.author ?? world.users.member },
      { content: target.content },
    );
    if (target.id) message.id = target.id;
    return {
      ...base,
      type: InteractionType.ApplicationCommand,
      data: {
        id: commandId(spec.name),
        name: spec.name,
        type: ApplicationCommandType.Message,
        target_id: message.id,
        resolved: { messages: { [message.id]: message } },
      },
    };
  }

  return { chatInput, autocomplete, button, selectMenu, messageContextMenu };
}

export type Payloads = ReturnType<typeof createPayloads>;

/** Builders for DEFAULT_WORLD (what `startFakeDiscord()` uses unless given another world). */
export const { chatInput, autocomplete, button, selectMenu, messageContextMenu } = createPayloads(DEFAULT_WORLD);
