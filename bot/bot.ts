import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Client,
  Events,
  GatewayIntentBits,
  RESTEvents,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import type { Engine } from '../retrieval/engine-types.ts';
import { commands as allCommands } from './commands/index.ts';
import type { BotConfig } from './config.ts';
import { errorSummary, isInteractionGone } from './errors.ts';
import { FeedbackLog } from './feedback.ts';
import type { Logger } from './logger.ts';
import { renderNotice } from './render/messages.ts';
import { withDocumentUrls } from './documents/citation-urls.ts';
import type { PreviewCommand } from './documents/preview.ts';
import { createDocumentServices } from './documents/services.ts';
import { defaultPreviewCommand, defaultReindexCommand } from './reindex-command.ts';
import { Reindexer, type ReindexCommand } from './reindexer.ts';
import { followUp, respond } from './reply.ts';
import type { BotCommand, BotServices, BotSettings, MessageMenuCommand, Outcome, SlashCommand } from './types.ts';
import { LruCache } from './util/lru.ts';
import { RateLimiter } from './util/rate-limiter.ts';
import { WorkQueue } from './util/work-queue.ts';

export const DEFAULT_SETTINGS: BotSettings = {
  perPage: 3,
  answerLimit: 9,
  perDocument: 6,
  rateLimit: { max: 5, windowMs: 30_000 },
  queueLength: 50,
  answerCache: { max: 500, ttlMs: 6 * 60 * 60 * 1000 },
  progressEditMs: 1500,
  reloadPollMs: 5000,
  maxMessageQuestion: 500,
  shutdownGraceMs: 8_000, // under Docker's default 10 s before it kills
  fetchTimeoutMs: 20_000,
  maxRedirects: 5,
  previewTimeoutMs: 60_000,
  // Interaction tokens last 15 minutes: a preview can't be confirmed later anyway.
  pendingPreviews: { max: 10, ttlMs: 15 * 60 * 1000 },
};

export interface CreateBotOptions {
  engine: Engine;
  config: BotConfig;
  logger: Logger;
  /** Merged into the discord.js client options (tests pass `rest: { api, retries: 0, timeout }`). */
  clientOptions?: Partial<ClientOptions>;
  settings?: Partial<BotSettings>;
  /** How /reindex runs the indexer (default: `cli/index.ts` under tsx, with the configured folders). */
  reindexCommand?: ReindexCommand;
  /** How /documents add previews a file (default: `cli/preview.ts` under tsx). */
  previewCommand?: PreviewCommand;
  commands?: readonly BotCommand[];
}

export interface Bot {
  client: Client;
  services: BotServices;
  /** Logs in; resolves once the gateway session is ready. */
  start(): Promise<void>;
  /** Stops taking interactions, waits (bounded) for those in flight, stops a reindex, destroys the client. */
  stop(): Promise<void>;
}

/** The bot: a discord.js client with the command handlers wired to the engine. */
export function createBot(options: CreateBotOptions): Bot {
  const { config, logger } = options;
  const settings: BotSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const documents = createDocumentServices(config, settings, options.previewCommand ?? defaultPreviewCommand(config));
  documents.folder.removeStaleTemp(); // a write killed mid-way left its temporary file: the old file is intact
  const engine = withDocumentUrls(options.engine, (source) => documents.added.urlFor(source));
  const commands = options.commands ?? allCommands;
  const slash = new Map<string, SlashCommand>();
  const menus = new Map<string, MessageMenuCommand>();
  const components = new Map<string, SlashCommand>();
  for (const command of commands) {
    if (command.kind === 'slash') {
      slash.set(command.data.name, command);
      if (command.componentPrefix) components.set(command.componentPrefix, command);
    } else {
      menus.set(command.data.name, command);
    }
  }

  const queue = new WorkQueue(settings.queueLength);
  let lastReloadError: string | undefined;
  const services: BotServices = {
    engine,
    config,
    logger,
    settings,
    queue,
    limiter: new RateLimiter(settings.rateLimit.max, settings.rateLimit.windowMs),
    answers: new LruCache(settings.answerCache.max, settings.answerCache.ttlMs),
    feedback: new FeedbackLog(config.feedbackFile),
    reindexer: new Reindexer(options.reindexCommand ?? defaultReindexCommand(config)),
    documents,
    async reloadIndex() {
      try {
        const changed = await engine.reloadIfChanged();
        if (changed) logger.info({ version: engine.info().version, passages: engine.info().passages }, 'index reloaded');
        lastReloadError = undefined;
      } catch (error) {
        // Keep answering from the index already loaded; say so once per distinct problem, not on every poll.
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastReloadError) {
          logger.error({ err: errorSummary(error), serving: engine.info().version }, 'a newer index could not be loaded');
        }
        lastReloadError = message;
      }
    },
  };

  const rest = { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.clientOptions?.rest };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...options.clientOptions,
    rest,
  });

  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let stopped: Promise<void> | undefined;
  let poll: NodeJS.Timeout | undefined;

  client.on(Events.Error, (error) => logger.error({ err: errorSummary(error) }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  // Closing the gateway at shutdown looks like a drop to discord.js: only a drop while serving is worth a warning.
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping) logger.warn({ code: event.code, shard }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.warn({ shard }, 'gateway connection closed; reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardError, (error, shard) => logger.warn({ shard, err: errorSummary(error) }, 'gateway error'));
  // discord.js retries these by itself; without a line here they would leave no trace. (`route` has no token.)
  client.rest.on(RESTEvents.Response, (request, response) => {
    // This is a clone made for listeners: free its copy of the body (the original is read as usual).
    if (response.body && 'cancel' in response.body) response.body.cancel().catch(() => undefined);
    const where = { method: request.method, route: request.route, status: response.status };
    if (response.status === 429) {
      const limit = { retryAfter: response.headers.get('retry-after'), scope: response.headers.get('x-ratelimit-scope') };
      logger.warn({ ...where, ...limit }, 'Discord rate limit; retrying after the wait');
    } else if (response.status >= 500 && request.retries < client.rest.options.retries) {
      logger.warn({ ...where, attempt: request.retries + 1 }, 'Discord server error; retrying');
    }
  });
  client.on(Events.InteractionCreate, (interaction) => {
    const handling = handle(interaction);
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });

  /** One interaction, start to end: route, catch everything, log one line. */
  async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const command = describe(interaction);
    let outcome: Outcome = 'ignored';
    try {
      outcome = stopping ? await refuseWhileStopping(interaction) : await route(interaction);
    } catch (error) {
      outcome = isInteractionGone(error) ? 'expired-interaction' : 'error';
      const level = outcome === 'error' ? 'error' : 'warn';
      logger[level]({ command, userId: interaction.user.id, err: errorSummary(error) }, 'interaction failed');
      await answerAfterError(interaction, error);
    } finally {
      logger.info(
        {
          event: 'interaction',
          interactionId: interaction.id,
          command,
          userId: interaction.user.id,
          guildId: interaction.guildId,
          latencyMs: Math.round(performance.now() - started),
          outcome,
        },
        'interaction',
      );
    }
  }

  async function route(interaction: Interaction): Promise<Outcome> {
    if (interaction.isChatInputCommand()) {
      const command = slash.get(interaction.commandName);
      if (command) return command.execute(interaction, services);
      await respond(interaction, renderNotice(UNKNOWN_COMMAND), { ephemeral: true });
      return 'unknown-command';
    }
    if (interaction.isAutocomplete()) {
      const command = slash.get(interaction.commandName);
      if (command?.autocomplete) return command.autocomplete(interaction, services);
      await interaction.respond([]);
      return 'unknown-command';
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = menus.get(interaction.commandName);
      if (command) return command.execute(interaction, services);
      await respond(interaction, renderNotice(UNKNOWN_COMMAND), { ephemeral: true });
      return 'unknown-command';
    }
    if (interaction.isButton() || interaction.isStringSelectMenu()) {
      const command = components.get(interaction.customId.split(':', 1)[0] ?? '');
      if (command?.component) return command.component(interaction, services);
      await respond(interaction, renderNotice("That button isn't valid."), { ephemeral: true });
      return 'invalid-button';
    }
    return 'ignored';
  }

  async function refuseWhileStopping(interaction: Interaction): Promise<Outcome> {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) {
      await respond(interaction, renderNotice('citebot is restarting. Please try again in a minute.'), { ephemeral: true });
    }
    return 'refused-stopping';
  }

  /** Tells the user something went wrong, if the interaction can still be answered. Never throws. */
  async function answerAfterError(interaction: Interaction, error: unknown): Promise<void> {
    if (isInteractionGone(error)) return;
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
      } else if (interaction.isRepliable()) {
        const text = 'Sorry, something went wrong while handling that. It has been logged; please try again later.';
        // Fill a "thinking…" placeholder; never overwrite an answer already given, nor (after a component's
        // deferUpdate) the message the component sits on: follow up instead.
        const deferredComponent = interaction.isMessageComponent() && interaction.deferred;
        if (interaction.replied || deferredComponent) await followUp(interaction, renderNotice(text), { ephemeral: true });
        else await respond(interaction, renderNotice(text), { ephemeral: true });
      }
    } catch (second) {
      logger.warn({ err: errorSummary(second) }, 'could not tell the user about an error');
    }
  }

  async function start(): Promise<void> {
    const ready = once(client, Events.ClientReady);
    await client.login(config.token);
    await ready;
    logger.info({ user: client.user?.tag, index: engine.info() }, 'citebot ready');
    if (settings.reloadPollMs > 0) {
      poll = setInterval(() => {
        if (stopping || !queue.idle) return; // answers reload before they run anyway
        queue.push(() => services.reloadIndex(), { force: true }).catch((error: unknown) => {
          logger.error({ err: errorSummary(error) }, 'index reload failed');
        });
      }, settings.reloadPollMs);
      poll.unref();
    }
  }

  function stop(): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(poll);
      logger.info({ inFlight: inFlight.size }, 'citebot stopping');
      services.reindexer.stop();
      const grace = sleep(settings.shutdownGraceMs, 'timeout' as const, { ref: false });
      const settled = Promise.allSettled([...inFlight]).then(() => 'done' as const);
      if ((await Promise.race([settled, grace])) === 'timeout') {
        logger.warn({ inFlight: inFlight.size }, 'shutdown: gave up waiting for interactions in flight');
      }
      await client.destroy();
      logger.info('citebot stopped');
    })();
    return stopped;
  }

  return { client, services, start, stop };
}

const UNKNOWN_COMMAND = "I don't know that command. The command list may be out of date (run deploy-commands).";

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) {
    return interaction.isAutocomplete() ? `${interaction.commandName}:autocomplete` : interaction.commandName;
  }
  if (interaction.isButton()) return `button:${interaction.customId.split(':').slice(0, 2).join(':')}`;
  if (interaction.isStringSelectMenu()) return `menu:${interaction.customId.split(':').slice(0, 2).join(':')}`;
  return `type-${interaction.type}`;
}
