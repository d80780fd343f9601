import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BotConfig } from './config.ts';
import type { ReindexCommand } from './reindexer.ts';

/** The project's root (this file is bot/reindex-command.ts). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** tsx's loader as a file URL, for `node --import <it>` from any working directory. */
export function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** `node --import tsx cli/index.ts --seeds … --index … [--full] --progress json`, run from the project root. */
export function defaultReindexCommand(config: BotConfig): ReindexCommand {
  const cli = fileURLToPath(new URL('../cli/index.ts', import.meta.url));
  return {
    command: process.execPath,
    cwd: PROJECT_ROOT,
    // The indexer reads its model settings from the environment: make them the bot's.
    env: {
      ...process.env,
      MODELS_DIR: config.modelsDir,
      ...(config.model ? { EMBEDDING_MODEL: config.model } : {}),
    },
    args: ({ full }) => [
      '--import',
      tsxLoader(),
      cli,
      '--seeds',
      config.seedsDir,
      '--index',
      config.indexDir,
      ...(full ? ['--full'] : []),
      '--progress',
      'json',
    ],
  };
}
