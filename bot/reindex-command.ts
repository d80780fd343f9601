import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BotConfig } from './config.ts';
import type { PreviewCommand } from './documents/preview.ts';
import type { ReindexCommand } from './reindexer.ts';

/** The project's root (this file is bot/reindex-command.ts). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** tsx's loader as a file URL, for `node --import <it>` from any working directory. */
export function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** The indexer's environment: the bot's, with the bot's model settings (which the indexer reads from it). */
function indexerEnv(config: BotConfig): NodeJS.ProcessEnv {
  return { ...process.env, MODELS_DIR: config.modelsDir, ...(config.model ? { EMBEDDING_MODEL: config.model } : {}) };
}

function cliPath(name: string): string {
  return fileURLToPath(new URL(`../cli/${name}`, import.meta.url));
}

/** `node --import tsx cli/index.ts --seeds … --index … [--full] --progress json`, run from the project root. */
export function defaultReindexCommand(config: BotConfig): ReindexCommand {
  return {
    command: process.execPath,
    cwd: PROJECT_ROOT,
    env: indexerEnv(config),
    args: ({ full }) => [
      '--import',
      tsxLoader(),
      cliPath('index.ts'),
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

/** `node --import tsx cli/preview.ts FILE --name=NAME --index=…`: what a file would add (for /documents add). */
export function defaultPreviewCommand(config: BotConfig): PreviewCommand {
  return {
    command: process.execPath,
    cwd: PROJECT_ROOT,
    env: indexerEnv(config),
    args: (file, name) => ['--import', tsxLoader(), cliPath('preview.ts'), file, `--name=${name}`, `--index=${config.indexDir}`],
  };
}
