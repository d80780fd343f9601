import { ChannelType, type APIUser } from 'discord.js';
import { isoNow } from './ids.ts';
import type { JsonObject } from './json.ts';
import { MEMBER_PERMISSIONS, type FakeGuild, type FakeTextChannel, type FakeWorld } from './world.ts';

/** Channel, guild, application and thread objects, complete enough for discord.js to build its classes. */

export function textChannelObject(guildId: string, channel: FakeTextChannel, position = 0): JsonObject {
  return {
    id: channel.id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function guildCreateObject(guild: FakeGuild, botUser: APIUser): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.ownerId,
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: isoNow(),
    features: [],
    preferred_locale: 'en-US',
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: MEMBER_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      ...(guild.roles ?? []).map((role, index) => ({
        id: role.id,
        name: role.name,
        permissions: '0',
        position: index + 1,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
    ],
    channels: guild.channels.map((channel, index) => textChannelObject(guild.id, channel, index)),
    threads: [],
    members: [{ user: botUser, roles: [], joined_at: isoNow(), deaf: false, mute: false, flags: 0 }],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function applicationObject(world: FakeWorld): JsonObject {
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: 'Fake application',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: world.users.admin,
    bot: world.botUser,
  };
}

export function threadChannelObject(args: {
  id: string;
  guildId: string;
  parentId: string;
  ownerId: string;
  name: string;
  type: number;
  autoArchiveDuration: number;
}): JsonObject {
  const now = isoNow();
  return {
    id: args.id,
    type: args.type,
    guild_id: args.guildId,
    parent_id: args.parentId,
    owner_id: args.ownerId,
    name: args.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: args.autoArchiveDuration,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
    member: { id: args.id, user_id: args.ownerId, join_timestamp: now, flags: 0 },
  };
}
