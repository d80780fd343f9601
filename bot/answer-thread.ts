import {
  ChannelType,
  PermissionFlagsBits,
  Routes,
  ThreadAutoArchiveDuration,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import { isDiscordCode } from './errors.ts';
import { threadName } from './render/answer.ts';
import { renderNotice } from './render/messages.ts';
import { followUp, respond } from './reply.ts';
import type { MessagePayload } from './render/limits.ts';
import type { Outcome, StoredAnswer } from './types.ts';

const THREAD_PERMISSIONS = PermissionFlagsBits.CreatePublicThreads | PermissionFlagsBits.SendMessagesInThreads;

/**
 * Whether "Start a thread" can work on this answer: a public reply in a text or announcement channel of a server
 * the bot knows, where it may create public threads. Not in DMs, threads, forum posts or voice channel chats.
 */
export function canStartThread(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ephemeral: boolean,
): boolean {
  if (ephemeral || !interaction.inCachedGuild()) return false;
  const type = interaction.channel?.type;
  if (type !== ChannelType.GuildText && type !== ChannelType.GuildAnnouncement) return false;
  return interaction.appPermissions.has(THREAD_PERMISSIONS);
}

/** Discord's codes for "the bot may not do that here". */
const NOT_ALLOWED = [50001, 50013, 50024];

/**
 * "Start a thread": a public thread on the answer message, started once (a thread started from a message has the
 * message's id); the button then leaves the answer (`redraw` renders it again). Nothing is posted into the thread:
 * the answer opens it.
 */
export async function startThread(
  interaction: ButtonInteraction,
  stored: StoredAnswer,
  redraw: () => MessagePayload,
): Promise<Outcome> {
  if (stored.threadId) {
    await respond(interaction, renderNotice(`This answer already has a thread: <#${stored.threadId}>.`), { ephemeral: true });
    return 'thread-exists';
  }
  await interaction.deferUpdate();
  const message = interaction.message;
  try {
    await interaction.client.rest.post(Routes.threads(message.channelId, message.id), {
      body: { name: threadName(stored.question), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
    });
  } catch (error) {
    if (NOT_ALLOWED.some((code) => isDiscordCode(error, code))) {
      await followUp(interaction, renderNotice("I can't start a thread here (I'm missing a permission)."), { ephemeral: true });
      return 'thread-refused';
    }
    if (!isDiscordCode(error, 160004)) throw error; // 160004: someone else's press started it a moment ago
  }
  stored.threadId = message.id;
  await respond(interaction, redraw());
  return 'thread-started';
}
