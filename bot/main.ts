// The bot's process (`npm start`, or `node --import tsx bot/main.ts`): open the engine (building the index if there
// is none), log in, answer until SIGINT/SIGTERM.
import dotenv from 'dotenv';
import type { Engine } from '../retrieval/engine-types.ts';
import type { Bot } from './bot.ts';
import { configOrExit } from './config.ts';
import { errorSummary } from './errors.ts';
import { checkFolders } from './folder-checks.ts';
import { createLogger } from './logger.ts';

dotenv.config({ quiet: true });
const config = configOrExit(process.env); // before loading the engine and discord.js: fail fast on bad settings
const logger = createLogger(config.logLevel);

/** A start-up failure: one line on stderr and one JSON log line, neither with a stack trace. */
function fatalLine(what: string, error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
  logger.fatal({ reason: message }, what); // not `err`: pino's error serializer would add a stack field
  process.stderr.write(`citebot: ${what}: ${message}\n`);
}

const folders = checkFolders(config);
for (const warning of folders.warnings) logger.warn(warning);
if (folders.problems.length > 0) {
  for (const problem of folders.problems) fatalLine('cannot start', problem);
  process.exit(1);
}
const [{ openEngine }, { createBot }, { defaultReindexCommand }, { Reindexer }] = await Promise.all([
  import('../retrieval/engine.ts'),
  import('./bot.ts'),
  import('./reindex-command.ts'),
  import('./reindexer.ts'),
]);

process.on('unhandledRejection', (reason) => {
  logger.error({ err: errorSummary(reason) }, 'unhandled promise rejection');
});

let bot: Bot | undefined;
let closing: Promise<never> | undefined;

function shutdown(reason: string, code: number): Promise<never> {
  closing ??= (async () => {
    logger.info({ reason }, 'shutting down');
    try {
      await bot?.stop();
      await engine?.close();
    } catch (error) {
      logger.error({ err: errorSummary(error) }, 'error while shutting down');
    }
    logger.flush();
    process.exit(code);
  })();
  return closing;
}

process.on('uncaughtException', (error) => {
  logger.fatal({ err: errorSummary(error) }, 'uncaught exception');
  void shutdown('uncaught exception', 1);
});
// `process.on`, not `once`: a signal often comes twice (systemd signals the whole process group and npm passes its
// own copy on; a terminal's Ctrl-C reaches npm and the bot alike). Later ones must not kill answers in flight;
// the shutdown grace period bounds the wait instead.
function onSignal(signal: NodeJS.Signals): void {
  if (closing) logger.info({ signal }, 'already shutting down; finishing the answers in flight');
  else void shutdown(signal, 0);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let engine: Engine | undefined;
try {
  engine = await openEngine({
    indexDir: config.indexDir,
    seedsDir: config.seedsDir,
    modelsDir: config.modelsDir,
    ...(config.model ? { model: config.model } : {}),
    log: (message) => logger.info({ engine: message }, 'engine'),
    // The indexer runs as its own process, as /reindex runs it.
    build: () => new Reindexer(defaultReindexCommand(config)).run({ full: false }),
  });
} catch (error) {
  fatalLine('could not open the index', error);
  process.exit(1);
}

bot = createBot({ engine, config, logger });
try {
  await bot.start();
} catch (error) {
  fatalLine('could not log in to Discord', error);
  await shutdown('login failed', 1);
}
