import type { JsonObject } from './json.ts';

/** An error answer in Discord's shape: `{ message, code }` with an HTTP status. */
export class DiscordError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body['message']));
  }
}

export const unknownInteraction = (): DiscordError =>
  new DiscordError(404, { message: 'Unknown interaction', code: 10062 });
export const alreadyAcknowledged = (): DiscordError =>
  new DiscordError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
export const unknownWebhook = (): DiscordError => new DiscordError(404, { message: 'Unknown Webhook', code: 10015 });
export const invalidWebhookToken = (): DiscordError =>
  new DiscordError(401, { message: 'Invalid Webhook Token', code: 50027 });
export const unknownMessage = (): DiscordError => new DiscordError(404, { message: 'Unknown Message', code: 10008 });
export const unknownChannel = (): DiscordError => new DiscordError(404, { message: 'Unknown Channel', code: 10003 });
export const emptyMessage = (): DiscordError =>
  new DiscordError(400, { message: 'Cannot send an empty message', code: 50006 });
export const unauthorized = (): DiscordError => new DiscordError(401, { message: '401: Unauthorized', code: 0 });
export const threadAlreadyExists = (): DiscordError =>
  new DiscordError(400, { message: 'A thread has already been created for this message', code: 160004 });
export const missingAccess = (): DiscordError => new DiscordError(403, { message: 'Missing Access', code: 50001 });
export const notFound = (): DiscordError => new DiscordError(404, { message: '404: Not Found', code: 0 });

/** One broken rule in a request body: where (dotted path, e.g. `embeds.0.title`) and what. */
export interface FormProblem {
  path: string;
  code: string;
  message: string;
}

/** 400 Invalid Form Body (code 50035) with Discord's nested `errors` object. */
export function invalidFormBody(problems: FormProblem[]): DiscordError {
  const errors: JsonObject = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path.split('.')) {
      const child = node[key];
      node = (typeof child === 'object' && child !== null ? child : (node[key] = {})) as JsonObject;
    }
    const list = (node['_errors'] ??= []) as unknown[];
    list.push({ code: problem.code, message: problem.message });
  }
  return new DiscordError(400, { message: 'Invalid Form Body', code: 50035, errors });
}
