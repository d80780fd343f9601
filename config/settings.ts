// Engine settings shared by the CLIs and the bot: folders and the embedding model, from the environment.
import { config } from 'dotenv';

export interface EngineSettings {
  seedsDir: string;
  indexDir: string;
  modelsDir: string;
  /** Unset = the default model, with the offline fallback. */
  model?: string;
}

export function engineSettings(env: NodeJS.ProcessEnv = loadEnv()): EngineSettings {
  const model = env.EMBEDDING_MODEL?.trim();
  return {
    seedsDir: env.SEEDS_DIR?.trim() || 'seeds',
    indexDir: env.INDEX_DIR?.trim() || 'data/index',
    modelsDir: env.MODELS_DIR?.trim() || 'data/models',
    ...(model ? { model } : {}),
  };
}

let loaded = false;
/** Reads .env once (values already in the environment win). */
export function loadEnv(): NodeJS.ProcessEnv {
  if (!loaded) config({ quiet: true });
  loaded = true;
  return process.env;
}

/** The `--seeds DIR` and `--index DIR` options every CLI takes. */
export const FOLDER_OPTIONS = { seeds: { type: 'string' }, index: { type: 'string' } } as const;

/** Engine settings with the folders given on the command line taking precedence. */
export function settingsWithFolders(values: { seeds?: string; index?: string }): EngineSettings {
  const settings = engineSettings();
  return { ...settings, seedsDir: values.seeds ?? settings.seedsDir, indexDir: values.index ?? settings.indexDir };
}
