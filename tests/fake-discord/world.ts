import { PermissionFlagsBits, type APIUser } from 'discord.js';

/** What the fake Discord knows about: the bot, its application, one guild and its people. */
export interface FakeWorld {
  applicationId: string;
  botUser: APIUser;
  /** Sent as GUILD_CREATE after READY (if the client asks for the Guilds intent); null = no guilds. */
  guild: FakeGuild | null;
  /** Default people for the payload builders. */
  users: { member: APIUser; admin: APIUser };
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  /** Text channels; the first is where interactions happen by default. */
  channels: FakeTextChannel[];
  /** Roles besides @everyone (sent in GUILD_CREATE, as Discord does, so members' roles resolve). */
  roles?: Array<{ id: string; name: string }>;
}

export interface FakeTextChannel {
  id: string;
  name: string;
}

const { ViewChannel, SendMessages, ReadMessageHistory, EmbedLinks, AttachFiles, AddReactions } = PermissionFlagsBits;
const { UseApplicationCommands, SendMessagesInThreads, CreatePublicThreads, ManageGuild, ManageThreads } =
  PermissionFlagsBits;

const MEMBER_BITS =
  ViewChannel | SendMessages | ReadMessageHistory | EmbedLinks | AttachFiles | AddReactions |
  UseApplicationCommands | SendMessagesInThreads | CreatePublicThreads;

/** `member.permissions` of an ordinary member (no ManageGuild), as Discord sends it: a decimal string. */
export const MEMBER_PERMISSIONS = MEMBER_BITS.toString();
/** An admin/moderator: an ordinary member plus ManageGuild (1 << 5 = 32). */
export const ADMIN_PERMISSIONS = (MEMBER_BITS | ManageGuild).toString();
/** `app_permissions`: what the bot itself may do in the channel. */
export const BOT_PERMISSIONS = (MEMBER_BITS | ManageThreads).toString();

export function makeUser(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: '0', global_name: bot ? null : username, avatar: null, bot };
}

export const DEFAULT_WORLD: FakeWorld = {
  applicationId: '100000000000000001',
  botUser: makeUser('100000000000000001', 'citebot', true),
  guild: {
    id: '200000000000000001',
    name: 'Fake Guild',
    ownerId: '400000000000000002',
    channels: [
      { id: '300000000000000001', name: 'general' },
      { id: '300000000000000002', name: 'docs' },
    ],
  },
  users: {
    member: makeUser('400000000000000001', 'alice'),
    admin: makeUser('400000000000000002', 'ada'),
  },
};

/** The channel interactions happen in unless a builder is told otherwise. */
export function defaultChannelId(world: FakeWorld): string {
  return world.guild?.channels[0]?.id ?? '300000000000000001';
}

/** A stable DM channel id per user. */
export function dmChannelId(user: APIUser): string {
  return `5${user.id.slice(1)}`;
}
