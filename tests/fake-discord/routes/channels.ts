import { ChannelType, MessageType, type APIMessage } from 'discord.js';
import { emptyMessage, invalidFormBody, threadAlreadyExists, unknownChannel, unknownMessage } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { isEmptyMessage, messageProblems, threadNameProblems } from '../limits.ts';
import { createMessage } from '../messages.ts';
import { threadChannelObject } from '../objects.ts';
import { json, type Route, type RouteContext } from '../router.ts';
import { nextSnowflake } from '../ids.ts';

function channelFor(context: RouteContext): JsonObject {
  const channel = context.state.channels.get(context.params['channel'] ?? '');
  if (!channel) throw unknownChannel();
  return channel;
}

function messageIn(context: RouteContext, channelId: string): APIMessage {
  const message = context.state.messages.get(context.params['message'] ?? '');
  if (!message || message.channel_id !== channelId) throw unknownMessage();
  return message;
}

function createThread(context: RouteContext, parent: JsonObject, id: string, type: number): JsonObject {
  const problems = threadNameProblems(context.body['name']);
  if (problems.length > 0) throw invalidFormBody(problems);
  const { state, body } = context;
  const thread = threadChannelObject({
    id,
    type,
    guildId: String(parent['guild_id']),
    parentId: String(parent['id']),
    ownerId: state.world.botUser.id,
    name: String(body['name']),
    autoArchiveDuration: typeof body['auto_archive_duration'] === 'number' ? body['auto_archive_duration'] : 4320,
  });
  state.channels.set(id, thread);
  state.threads.push(thread);
  return thread;
}

const THREAD_TYPES: number[] = [ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread];

/** Bot-authenticated channel routes: post messages, read channels/messages, create threads. */
export const channelRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/channels/:channel',
    auth: 'bot',
    handle: (context) => json(channelFor(context)),
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/messages',
    auth: 'bot',
    handle: (context) => {
      const channel = channelFor(context);
      const problems = messageProblems(context.body);
      if (problems.length > 0) throw invalidFormBody(problems);
      if (isEmptyMessage(context.body, context.files.length)) throw emptyMessage();
      const origin = {
        channelId: String(channel['id']),
        guildId: String(channel['guild_id']),
        author: context.state.world.botUser,
        type: context.body['message_reference'] ? MessageType.Reply : MessageType.Default,
      };
      const message = createMessage(origin, context.body, context.files);
      context.state.addMessage(message);
      return json(message);
    },
  },
  {
    method: 'GET',
    pattern: '/channels/:channel/messages/:message',
    auth: 'bot',
    handle: (context) => json(messageIn(context, String(channelFor(context)['id']))),
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/messages/:message/threads',
    auth: 'bot',
    handle: (context) => {
      const channel = channelFor(context);
      const message = messageIn(context, String(channel['id']));
      if (context.state.channels.has(message.id)) throw threadAlreadyExists();
      const thread = createThread(context, channel, message.id, ChannelType.PublicThread);
      message.thread = thread as unknown as APIMessage['thread'];
      return json(thread, 201);
    },
  },
  {
    method: 'POST',
    pattern: '/channels/:channel/threads',
    auth: 'bot',
    handle: (context) => {
      const channel = channelFor(context);
      const type = context.body['type'];
      if (typeof type !== 'number' || !THREAD_TYPES.includes(type)) {
        const message = 'Value must be one of {10, 11, 12}.';
        throw invalidFormBody([{ path: 'type', code: 'BASE_TYPE_CHOICES', message }]);
      }
      return json(createThread(context, channel, nextSnowflake(), type), 201);
    },
  },
];
