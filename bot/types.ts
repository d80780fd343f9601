import type {
  AutocompleteInteraction,
  ButtonInteraction,
  StringSelectMenuInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../retrieval/engine-types.ts';
import type { Answer } from '../retrieval/types.ts';
import type { BotConfig } from './config.ts';
import type { DocumentServices } from './documents/services.ts';
import type { FeedbackLog, Vote } from './feedback.ts';
import type { Logger } from './logger.ts';
import type { Reindexer } from './reindexer.ts';
import type { LruCache } from './util/lru.ts';
import type { RateLimiter } from './util/rate-limiter.ts';
import type { WorkQueue } from './util/work-queue.ts';

/** How an interaction ended, for the one log line per interaction ("answered", "rate-limited", "refused", ...). */
export type Outcome = string;

/** Tunable numbers (defaults in bot.ts; tests shrink some). */
export interface BotSettings {
  /** Citations per page of an answer (1-5). */
  perPage: number;
  /** Citations asked of the engine per question (all pages). */
  answerLimit: number;
  /** At most this many citations from one document. */
  perDocument: number;
  /** Questions (ask, find, quote) per user per window. */
  rateLimit: { max: number; windowMs: number };
  /** Answer work waiting or running at most. */
  queueLength: number;
  /** Recent answers kept for their buttons. */
  answerCache: { max: number; ttlMs: number };
  /** Minimum time between progress edits of /reindex. */
  progressEditMs: number;
  /** How often to look for a newer index on disk (0 = only before answers). */
  reloadPollMs: number;
  /** Longest question sent to the engine from "Find in documents" (longer messages are cut). */
  maxMessageQuestion: number;
  /** At shutdown, how long to wait for interactions in flight. */
  shutdownGraceMs: number;
  /** /documents add: the whole fetch of a link or attachment, redirects and reading included. */
  fetchTimeoutMs: number;
  /** /documents add: redirects followed at most (each one checked like the link). */
  maxRedirects: number;
  /** /documents add: reading the file for its preview. */
  previewTimeoutMs: number;
  /** Previews waiting for Confirm: at most this many (the oldest is forgotten), each for at most ttlMs. */
  pendingPreviews: { max: number; ttlMs: number };
}

/** An answer kept in memory so its buttons can act on it. */
export interface StoredAnswer {
  question: string;
  answer: Answer;
  userId: string;
  ephemeral: boolean;
  canThread: boolean;
  /** Each member's 👍/👎 on it. */
  votes: Map<string, Vote>;
  /** Set once "Start a thread" has started one (its id). */
  threadId?: string;
  /** Passages searched: the one document's when restricted to it, else undefined (the whole index). */
  searched?: number | undefined;
  source?: string | undefined;
  documentTitle?: string | undefined;
}

/** What command handlers get. */
export interface BotServices {
  engine: Engine;
  config: BotConfig;
  logger: Logger;
  settings: BotSettings;
  queue: WorkQueue;
  limiter: RateLimiter;
  answers: LruCache<StoredAnswer>;
  feedback: FeedbackLog;
  reindexer: Reindexer;
  /** /documents: the folder, the record of added documents, pending previews. */
  documents: DocumentServices;
  /**
   * Loads a newer index from disk if there is one; on failure logs and keeps the loaded one (never throws).
   * Call only from inside a queue task, never alongside answers.
   */
  reloadIndex(): Promise<void>;
}

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction;

export interface SlashCommand {
  kind: 'slash';
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, bot: BotServices): Promise<Outcome>;
  autocomplete?(interaction: AutocompleteInteraction, bot: BotServices): Promise<Outcome>;
  /** Buttons and menus whose custom_id starts with `${componentPrefix}:` go to `component`. */
  componentPrefix?: string;
  component?(interaction: ComponentInteraction, bot: BotServices): Promise<Outcome>;
}

export interface MessageMenuCommand {
  kind: 'message';
  data: { name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, bot: BotServices): Promise<Outcome>;
}

export type BotCommand = SlashCommand | MessageMenuCommand;
