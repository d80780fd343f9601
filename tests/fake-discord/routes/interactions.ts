import {
  ApplicationCommandType,
  InteractionResponseType as Callback,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIInteraction,
  type APIMessage,
  type APIMessageInteractionMetadata,
} from 'discord.js';
import { emptyMessage, invalidFormBody } from '../errors.ts';
import type { InteractionState } from '../interactions.ts';
import { objectOrEmpty, type JsonObject } from '../json.ts';
import { choiceProblems, isEmptyMessage, messageProblems } from '../limits.ts';
import { applyMessageEdit, createMessage, type MessageOrigin } from '../messages.ts';
import { json, noContent, type Route, type RouteContext, type RouteReply } from '../router.ts';
import type { FakeState } from '../state.ts';

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Partial<Record<InteractionType, Callback[]>> = {
  [InteractionType.ApplicationCommand]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.Modal,
  ],
  [InteractionType.MessageComponent]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
    Callback.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [Callback.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    Callback.ChannelMessageWithSource,
    Callback.DeferredChannelMessageWithSource,
    Callback.DeferredMessageUpdate,
    Callback.UpdateMessage,
  ],
};

function messageTypeFor(payload: APIInteraction): MessageType {
  if (payload.type !== InteractionType.ApplicationCommand) return MessageType.Default;
  return payload.data.type === ApplicationCommandType.ChatInput
    ? MessageType.ChatInputCommand
    : MessageType.ContextMenuCommand;
}

/** Where and as whom the bot's answer to an interaction appears. */
export function responseOrigin(state: FakeState, interaction: InteractionState): MessageOrigin {
  const payload = interaction.payload;
  const metadata = {
    id: payload.id,
    type: payload.type,
    user: payload.member?.user ?? payload.user,
    authorizing_integration_owners: payload.authorizing_integration_owners,
  } as APIMessageInteractionMetadata;
  return {
    channelId: payload.channel?.id ?? payload.channel_id ?? '',
    guildId: payload.guild_id,
    author: state.world.botUser,
    applicationId: payload.application_id,
    type: messageTypeFor(payload),
    interactionMetadata: metadata,
  };
}

/** The message a component sits on, as the fake has it now. */
function componentMessage(state: FakeState, interaction: InteractionState): APIMessage {
  const sent = interaction.payload.message;
  if (!sent) {
    throw invalidFormBody([{ path: 'type', code: 'INTERACTION_TYPE_INVALID', message: 'No message to update' }]);
  }
  return state.messages.get(sent.id) ?? structuredClone(sent);
}

function validate(type: number, data: JsonObject, fileCount: number): void {
  if (type === Callback.ChannelMessageWithSource || type === Callback.UpdateMessage) {
    const problems = messageProblems(data);
    if (problems.length > 0) throw invalidFormBody(problems.map((p) => ({ ...p, path: `data.${p.path}` })));
    if (type === Callback.ChannelMessageWithSource && isEmptyMessage(data, fileCount)) throw emptyMessage();
  }
  if (type === Callback.ApplicationCommandAutocompleteResult) {
    const problems = choiceProblems(data['choices']);
    if (problems.length > 0) throw invalidFormBody(problems);
  }
}

/** Applies an accepted callback: creates or updates the `@original` message. */
function applyCallback(context: RouteContext, interaction: InteractionState, type: number, data: JsonObject): void {
  const { state, files } = context;
  if (type === Callback.ChannelMessageWithSource) {
    interaction.original = createMessage(responseOrigin(state, interaction), data, files);
  } else if (type === Callback.DeferredChannelMessageWithSource) {
    const message = createMessage(responseOrigin(state, interaction), {});
    const ephemeral = typeof data['flags'] === 'number' ? data['flags'] & MessageFlags.Ephemeral : 0;
    message.flags = ephemeral | MessageFlags.Loading;
    interaction.original = message;
  } else if (type === Callback.DeferredMessageUpdate) {
    interaction.original = componentMessage(state, interaction);
  } else if (type === Callback.UpdateMessage) {
    const message = componentMessage(state, interaction);
    applyMessageEdit(message, data, files);
    interaction.original = message;
  } else if (type === Callback.ApplicationCommandAutocompleteResult) {
    interaction.choices = Array.isArray(data['choices']) ? data['choices'] : [];
  }
  if (interaction.original) state.addMessage(interaction.original);
}

function callbackResponse(interaction: InteractionState, type: number): RouteReply {
  const original = interaction.original;
  const flags = original?.flags ?? 0;
  const hasMessage = type !== Callback.ApplicationCommandAutocompleteResult && type !== Callback.Modal;
  return json({
    interaction: {
      id: interaction.id,
      type: interaction.payload.type,
      response_message_id: hasMessage ? original?.id : undefined,
      response_message_loading: hasMessage ? (flags & MessageFlags.Loading) !== 0 : undefined,
      response_message_ephemeral: hasMessage ? (flags & MessageFlags.Ephemeral) !== 0 : undefined,
    },
    resource: hasMessage && original ? { type, message: original } : { type },
  });
}

/** POST /interactions/{id}/{token}/callback: Discord's 3-second, answer-once rules. */
export const interactionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/interactions/:id/:token/callback',
    auth: 'none',
    handle: (context) => {
      const { params, body, state, now } = context;
      const interaction = state.interactions.forCallback(params['id'] ?? '', params['token'] ?? '', now);
      const type = body['type'];
      const allowed = ALLOWED_CALLBACKS[interaction.payload.type] ?? [];
      if (typeof type !== 'number' || !allowed.includes(type)) {
        const message = `Callback type ${String(type)} is not valid for this interaction`;
        throw invalidFormBody([{ path: 'type', code: 'INTERACTION_RESPONSE_TYPE_INVALID', message }]);
      }
      const data = objectOrEmpty(body['data']);
      validate(type, data, context.files.length);
      interaction.acknowledgedAt = now;
      interaction.responseType = type;
      applyCallback(context, interaction, type, data);
      return context.query['with_response'] === 'true' ? callbackResponse(interaction, type) : noContent();
    },
  },
];
