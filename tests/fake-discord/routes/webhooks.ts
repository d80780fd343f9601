import { MessageFlags, MessageType } from 'discord.js';
import { emptyMessage, invalidFormBody } from '../errors.ts';
import { InteractionRegistry, type InteractionState } from '../interactions.ts';
import { isEmptyMessage, messageProblems } from '../limits.ts';
import { applyMessageEdit, createMessage } from '../messages.ts';
import { json, noContent, type Route, type RouteContext } from '../router.ts';
import { responseOrigin } from './interactions.ts';

function interactionFor(context: RouteContext): InteractionState {
  const { params, state, now } = context;
  return state.interactions.forWebhook(params['app'] ?? '', params['token'] ?? '', now);
}

function checkMessageBody(context: RouteContext, creating: boolean): void {
  const problems = messageProblems(context.body);
  if (problems.length > 0) throw invalidFormBody(problems);
  if (creating && isEmptyMessage(context.body, context.files.length)) throw emptyMessage();
}

/** Interaction webhooks: edit/fetch/delete `@original` and follow-ups, send follow-ups. */
export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/webhooks/:app/:token',
    auth: 'none',
    handle: (context) => {
      const interaction = interactionFor(context);
      checkMessageBody(context, true);
      const original = interaction.original;
      let message;
      if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
        // After deferReply, the first follow-up fills in the "thinking…" message (keeping its ephemerality).
        applyMessageEdit(original, context.body, context.files);
        message = original;
      } else {
        const origin = { ...responseOrigin(context.state, interaction), type: MessageType.Default };
        message = createMessage(origin, context.body, context.files);
        interaction.followUps.push(message);
      }
      context.state.addMessage(message);
      return context.query['wait'] === 'true' ? json(message) : noContent();
    },
  },
  {
    method: 'GET',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: (context) => json(InteractionRegistry.message(interactionFor(context), context.params['message'] ?? '')),
  },
  {
    method: 'PATCH',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: (context) => {
      const message = InteractionRegistry.message(interactionFor(context), context.params['message'] ?? '');
      checkMessageBody(context, false);
      applyMessageEdit(message, context.body, context.files);
      return json(message);
    },
  },
  {
    method: 'DELETE',
    pattern: '/webhooks/:app/:token/messages/:message',
    auth: 'none',
    handle: (context) => {
      const interaction = interactionFor(context);
      const message = InteractionRegistry.message(interaction, context.params['message'] ?? '');
      if (message === interaction.original) interaction.original = null;
      interaction.followUps = interaction.followUps.filter((other) => other !== message);
      context.state.messages.delete(message.id);
      return noContent();
    },
  },
];
