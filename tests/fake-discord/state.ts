import { ChannelType, MessageFlags, type APIInteraction, type APIMessage } from 'discord.js';
import { InteractionRegistry, type InteractionTiming } from './interactions.ts';
import type { JsonObject } from './json.ts';
import { textChannelObject } from './objects.ts';
import type { FakeWorld } from './world.ts';

/** Everything the fake Discord remembers: channels, messages, threads, commands, interactions. */
export class FakeState {
  readonly interactions: InteractionRegistry;
  /** Guild channels and threads by id. */
  readonly channels = new Map<string, JsonObject>();
  /** Messages visible in channels (not ephemeral ones), by id, in creation order. */
  readonly messages = new Map<string, APIMessage>();
  readonly threads: JsonObject[] = [];
  readonly globalCommands: JsonObject[] = [];
  readonly guildCommands = new Map<string, JsonObject[]>();

  constructor(
    readonly world: FakeWorld,
    timing: InteractionTiming,
  ) {
    this.interactions = new InteractionRegistry(timing);
    const guild = world.guild;
    guild?.channels.forEach((channel, index) => {
      this.channels.set(channel.id, textChannelObject(guild.id, channel, index));
    });
  }

  /** Remembers a message if others in the channel can see it. */
  addMessage(message: APIMessage): void {
    if (((message.flags ?? 0) & MessageFlags.Ephemeral) === 0) this.messages.set(message.id, message);
  }

  messagesIn(channelId: string): APIMessage[] {
    return [...this.messages.values()].filter((message) => message.channel_id === channelId);
  }

  /** Channels and messages an interaction refers to become known, as they are on Discord. */
  learnFrom(payload: APIInteraction): void {
    const channel = payload.channel;
    if (channel && payload.guild_id && channel.type === ChannelType.GuildText && !this.channels.has(channel.id)) {
      this.channels.set(channel.id, { ...channel, guild_id: payload.guild_id });
    }
    const resolved = payload.data && 'resolved' in payload.data ? payload.data.resolved : undefined;
    const targets = resolved && 'messages' in resolved ? Object.values(resolved.messages) : [];
    for (const message of [...(payload.message ? [payload.message] : []), ...targets]) {
      if (!this.messages.has(message.id)) this.addMessage(structuredClone(message));
    }
  }
}
