import { resolve } from 'node:path';
import { z } from 'zod';
import { URL_PLACEHOLDERS, templateUrl } from './render/links.ts';

/** The bot's settings, from the environment (and `.env`). Paths are absolute. */
export interface BotConfig {
  token: string;
  /** The application's id; needed to register commands. */
  clientId: string | undefined;
  /** Register commands in this guild only (instant); unset = globally. */
  guildId: string | undefined;
  /** REST base such as `https://discord.com/api` (the API version is appended); unset = the real Discord. */
  apiUrl: string | undefined;
  /** Members holding one of these roles may use /reindex (as may anyone with Manage Server). */
  moderatorRoleIds: string[];
  indexDir: string;
  seedsDir: string;
  modelsDir: string;
  model: string | undefined;
  logLevel: LogLevel;
  feedbackFile: string;
  /** Makes citations links: `{path}`, `{lineStart}` and `{lineEnd}` are filled in. */
  documentUrlTemplate: string | undefined;
  /** /documents add: the largest file taken, in bytes (attachments and links). */
  documentMaxBytes: number;
  /** /documents add: hosts a link may name although they are internal (lowercase host names or IP addresses). */
  fetchAllowedHosts: string[];
  /** Where /documents remove (and a replaced document) moves files, one folder per removal. */
  removedDir: string;
  /** How many days removed files are kept before they are deleted for good. */
  removedKeepDays: number;
  /** Who added which document from Discord, when, and the page it came from. */
  addedDocumentsFile: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const count = (what: string, fallback: number) =>
  z.coerce.number({ error: `must be ${what}` }).int({ error: `must be ${what}` }).positive({ error: `must be ${what}` }).default(fallback);

const snowflake = z.string().regex(/^\d{17,20}$/u, 'must be a Discord id (17 to 20 digits)');

const schema = z.object({
  DISCORD_TOKEN: z.string({ error: 'is required (the bot token from the Developer Portal)' }),
  DISCORD_CLIENT_ID: snowflake.optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/u, error: 'must be an http(s) URL such as https://discord.com/api' })
    .optional(),
  MODERATOR_ROLE_IDS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(snowflake.describe('role id')).max(100)),
  INDEX_DIR: z.string().default('data/index'),
  SEEDS_DIR: z.string().default('seeds'),
  MODELS_DIR: z.string().default('data/models'),
  EMBEDDING_MODEL: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  FEEDBACK_FILE: z.string().default('data/feedback.jsonl'),
  DOCUMENT_MAX_BYTES: count('a number of bytes, e.g. 20000000', 20_000_000),
  DOCUMENT_FETCH_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((host) => host.trim().toLowerCase().replace(/^\[|\]$/gu, '')).filter(Boolean)),
  REMOVED_DIR: z.string().default('data/removed'),
  REMOVED_KEEP_DAYS: count('a whole number of days', 30),
  ADDED_DOCUMENTS_FILE: z.string().default('data/added-documents.json'),
  DOCUMENT_URL_TEMPLATE: z.string().optional().superRefine((template, context) => {
    if (template === undefined) return;
    const unknown = (template.match(/\{[^}]*\}/gu) ?? []).filter((p) => !(URL_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown.length > 0) {
      context.addIssue({ code: 'custom', message: `has an unknown placeholder ${unknown[0]} (use ${URL_PLACEHOLDERS.join(', ')})` });
      return;
    }
    const example = templateUrl(template, 'docs/a.md', { lineStart: 1, lineEnd: 2 });
    if (!/^https?:\/\/[^/\s]+/u.test(example) || !URL.canParse(example)) {
      context.addIssue({ code: 'custom', message: 'must be an http(s) URL, e.g. https://github.com/org/repo/blob/main/{path}#L{lineStart}-L{lineEnd}' });
    }
  }),
});

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; problems: string[] };

/**
 * Reads and checks the settings. `purpose: 'deploy'` also requires DISCORD_CLIENT_ID. Empty values count as unset.
 * Problems come back one line each, e.g. "DISCORD_TOKEN is required (...)".
 */
export function loadConfig(env: NodeJS.ProcessEnv, purpose: 'bot' | 'deploy' = 'bot', cwd = process.cwd()): ConfigResult {
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') set[key] = value.trim();
  }
  const parsed = schema.safeParse(set);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [name, index] = issue.path;
      const where = index === undefined ? String(name) : `${String(name)} (item ${Number(index) + 1})`;
      problems.push(`${where} ${issue.message}`);
    }
  }
  if (purpose === 'deploy' && !set['DISCORD_CLIENT_ID']) {
    problems.push('DISCORD_CLIENT_ID is required to register commands (the application id from the Developer Portal)');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const value = parsed.data;
  return {
    ok: true,
    config: {
      token: value.DISCORD_TOKEN,
      clientId: value.DISCORD_CLIENT_ID,
      guildId: value.DISCORD_GUILD_ID,
      apiUrl: value.DISCORD_API_URL?.replace(/\/+$/u, ''),
      moderatorRoleIds: value.MODERATOR_ROLE_IDS,
      indexDir: resolve(cwd, value.INDEX_DIR),
      seedsDir: resolve(cwd, value.SEEDS_DIR),
      modelsDir: resolve(cwd, value.MODELS_DIR),
      model: value.EMBEDDING_MODEL,
      logLevel: value.LOG_LEVEL,
      feedbackFile: resolve(cwd, value.FEEDBACK_FILE),
      documentUrlTemplate: value.DOCUMENT_URL_TEMPLATE,
      documentMaxBytes: value.DOCUMENT_MAX_BYTES,
      fetchAllowedHosts: value.DOCUMENT_FETCH_ALLOWED_HOSTS,
      removedDir: resolve(cwd, value.REMOVED_DIR),
      removedKeepDays: value.REMOVED_KEEP_DAYS,
      addedDocumentsFile: resolve(cwd, value.ADDED_DOCUMENTS_FILE),
    },
  };
}

/** For the entry points: the settings, or one line per problem on stderr and exit code 1 (no stack trace). */
export function configOrExit(env: NodeJS.ProcessEnv, purpose: 'bot' | 'deploy' = 'bot'): BotConfig {
  const result = loadConfig(env, purpose);
  if (result.ok) return result.config;
  for (const problem of result.problems) process.stderr.write(`citebot: setting ${problem}\n`);
  process.stderr.write('citebot: see .env.example for the settings.\n');
  process.exit(1);
}
