import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import { QuestionError } from '../retrieval/question.ts';

/** Discord errors that mean the interaction can no longer be answered (too late, or already answered). */
const GONE = new Set<number | string>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.InvalidWebhookToken,
]);

export function isInteractionGone(error: unknown): boolean {
  return error instanceof DiscordAPIError && GONE.has(error.code);
}

export function isDiscordCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

/** A question the engine refused (empty, too long, control characters): its message is for the user. */
export function isQuestionError(error: unknown): error is QuestionError {
  return error instanceof QuestionError;
}

/** A Discord URL without the interaction token in it (a token lets anyone answer as the bot for 15 minutes). */
export function redactUrl(url: string): string {
  return url.replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/?]+/u, '$1:token');
}

/** A short description of an error for logs. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return { name: error.name, code: error.code, status: error.status, message: error.message, url: redactUrl(error.url) };
  }
  if (error instanceof HTTPError) {
    return { name: error.name, status: error.status, method: error.method, url: redactUrl(error.url), message: error.message };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { value: String(error) };
}
