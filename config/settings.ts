// Engine settings shared by the CLIs and the bot: folders, the embedding model and the largest document, from the environment.
import { config } from 'dotenv';

export interface EngineSettings {
  seedsDir: string;
  indexDir: string;
  modelsDir: string;
  /** Unset = the default model, with the offline fallback. */
  model?: string;
  /** Documents larger than this are skipped without being read (MAX_DOCUMENT_MB); unset = the default. */
  maxDocumentBytes?: number;
}

const MB = 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_MB = 50;
export const DEFAULT_MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_MB * MB;

export function engineSettings(env: NodeJS.ProcessEnv = loadEnv()): EngineSettings {
  const model = env.EMBEDDING_MODEL?.trim();
  return {
    seedsDir: env.SEEDS_DIR?.trim() || 'seeds',
    indexDir: env.INDEX_DIR?.trim() || 'data/index',
    modelsDir: env.MODELS_DIR?.trim() || 'data/models',
    ...(model ? { model } : {}),
    maxDocumentBytes: maxDocumentBytes(env.MAX_DOCUMENT_MB),
  };
}

/** "12 MB", "3.5 MB" (megabytes of 1,048,576 bytes, as MAX_DOCUMENT_MB counts them). */
export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** MAX_DOCUMENT_MB in bytes: a positive number of megabytes (1,048,576 bytes each); unset or empty = the default. */
export function maxDocumentBytes(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_MAX_DOCUMENT_BYTES;
  const mb = Number(text);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`MAX_DOCUMENT_MB must be a positive number of megabytes, not "${text}"`);
  return Math.floor(mb * MB);
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
