import { invalidFormBody, missingAccess } from '../errors.ts';
import { nextSnowflake } from '../ids.ts';
import { isJsonObject, type JsonObject } from '../json.ts';
import { commandProblems } from '../limits.ts';
import { applicationObject } from '../objects.ts';
import { json, type Route, type RouteContext } from '../router.ts';

function checkApplication(context: RouteContext): void {
  const app = context.params['app'];
  if (app !== context.state.world.applicationId && app !== '@me') {
    throw missingAccess();
  }
}

/** Registers a full command list as Discord does: validated, with ids kept for unchanged names. */
function saveCommands(context: RouteContext, previous: JsonObject[], guildId?: string): JsonObject[] {
  const problems = commandProblems(context.json);
  if (problems.length > 0) throw invalidFormBody(problems);
  const list = (context.json as unknown[]).filter(isJsonObject);
  return list.map((command) => {
    const type = command['type'] ?? 1;
    const same = previous.find((old) => old['name'] === command['name'] && old['type'] === type);
    return {
      default_member_permissions: null,
      nsfw: false,
      options: [],
      ...command,
      id: same?.['id'] ?? nextSnowflake(),
      application_id: context.state.world.applicationId,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
      type,
      version: nextSnowflake(),
    };
  });
}

function gatewayInfo(context: RouteContext): JsonObject {
  return {
    url: `${context.origin.replace(/^http/, 'ws')}/gateway`,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
  };
}

/** Gateway discovery, the application and its users, and command registration. */
export const applicationRoutes: Route[] = [
  { method: 'GET', pattern: '/gateway', auth: 'none', handle: (context) => json({ url: gatewayInfo(context)['url'] }) },
  { method: 'GET', pattern: '/gateway/bot', auth: 'bot', handle: (context) => json(gatewayInfo(context)) },
  {
    method: 'GET',
    pattern: '/applications/@me',
    auth: 'bot',
    handle: (context) => json(applicationObject(context.state.world)),
  },
  { method: 'GET', pattern: '/users/@me', auth: 'bot', handle: (context) => json(context.state.world.botUser) },
  {
    method: 'GET',
    pattern: '/applications/:app/commands',
    auth: 'bot',
    handle: (context) => {
      checkApplication(context);
      return json(context.state.globalCommands);
    },
  },
  {
    method: 'PUT',
    pattern: '/applications/:app/commands',
    auth: 'bot',
    handle: (context) => {
      checkApplication(context);
      const saved = saveCommands(context, context.state.globalCommands);
      context.state.globalCommands.splice(0, Infinity, ...saved);
      return json(saved);
    },
  },
  {
    method: 'GET',
    pattern: '/applications/:app/guilds/:guild/commands',
    auth: 'bot',
    handle: (context) => {
      checkApplication(context);
      return json(context.state.guildCommands.get(context.params['guild'] ?? '') ?? []);
    },
  },
  {
    method: 'PUT',
    pattern: '/applications/:app/guilds/:guild/commands',
    auth: 'bot',
    handle: (context) => {
      checkApplication(context);
      const guildId = context.params['guild'] ?? '';
      const saved = saveCommands(context, context.state.guildCommands.get(guildId) ?? [], guildId);
      context.state.guildCommands.set(guildId, saved);
      return json(saved);
    },
  },
];
