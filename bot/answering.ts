import { randomBytes } from 'node:crypto';
import type { ChatInputCommandInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import { canStartThread } from './answer-thread.ts';
import { isQuestionError } from './errors.ts';
import type { DocumentInfo, Engine } from '../retrieval/engine-types.ts';
import { renderAnswer } from './render/answer.ts';
import { renderNotice } from './render/messages.ts';
import { defer, respond, respondPrivately } from './reply.ts';
import type { BotServices, Outcome, StoredAnswer } from './types.ts';

type QuestionInteraction = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** A fresh key for the cache of recent answers (10 base-36 characters, ~51 random bits). */
export function newAnswerKey(): string {
  return randomBytes(8).readBigUInt64BE().toString(36).padStart(13, '0').slice(-10);
}

/** Per-user limit; answers "slow down" (ephemeral) and returns false when over it. */
export async function withinRateLimit(interaction: QuestionInteraction, bot: BotServices): Promise<boolean> {
  const verdict = bot.limiter.take(interaction.user.id);
  if (verdict.ok) return true;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  const { max, windowMs } = bot.settings.rateLimit;
  const text = `You're asking quickly (at most ${max} questions every ${Math.round(windowMs / 1000)} s). Please try again in ${seconds} s.`;
  await respond(interaction, renderNotice(text), { ephemeral: true });
  return false;
}

export async function answerBusy(interaction: QuestionInteraction): Promise<Outcome> {
  const text = "I'm busy answering a lot of questions right now. Please try again in a moment.";
  await respond(interaction, renderNotice(text), { ephemeral: true });
  return 'busy';
}

/**
 * Runs engine work in the user's turn: rate limit, a place in the answer queue, the reply deferred at once,
 * the index reloaded if it changed. Gives the work's result, or the outcome to log when it was refused (the
 * user has been told why).
 */
export async function inTurn<T>(
  interaction: QuestionInteraction,
  bot: BotServices,
  ephemeral: boolean,
  work: () => T | Promise<T>,
): Promise<{ value: T } | Outcome> {
  if (!(await withinRateLimit(interaction, bot))) return 'rate-limited';
  const ticket = bot.queue.reserve();
  if (!ticket) return answerBusy(interaction);
  try {
    await defer(interaction, ephemeral);
    const value = await ticket.run(async () => {
      await bot.reloadIndex();
      return work();
    });
    return { value };
  } catch (error) {
    if (!isQuestionError(error)) throw error;
    await respondPrivately(interaction, renderNotice(error.message));
    return 'refused-question';
  } finally {
    ticket.release();
  }
}

/**
 * Asks the engine and answers with quotes: rate limit, a place in the answer queue, defer at once, answer in
 * turn, keep the answer for its buttons, then edit the deferred reply.
 */
export async function answerQuestion(
  interaction: QuestionInteraction,
  bot: BotServices,
  request: { question: string; ephemeral: boolean; document?: DocumentInfo },
): Promise<Outcome> {
  const { answerLimit, perDocument } = bot.settings;
  const { document } = request;
  // Restricted to one document, no more quotes than one document may give an unrestricted answer.
  const options = document ? { limit: perDocument, source: document.source } : { limit: answerLimit, perDocument };
  const turn = await inTurn(interaction, bot, request.ephemeral, () => bot.engine.answer(request.question, options));
  if (typeof turn === 'string') return turn;
  const answer = turn.value;
  const key = newAnswerKey();
  const canThread = canStartThread(interaction, request.ephemeral);
  const stored: StoredAnswer = {
    question: request.question,
    answer,
    userId: interaction.user.id,
    ephemeral: request.ephemeral,
    canThread,
    votes: new Map(),
    searched: document?.passages,
    source: document?.source,
    documentTitle: document?.title,
  };
  bot.answers.set(key, stored);
  await respond(interaction, renderStored(stored, key, 0, bot));
  bot.logger.debug(
    { key, citations: answer.citations.map((c) => c.passageId), answered: answer.answered },
    'answer sent',
  );
  return answer.answered ? 'answered' : 'no-answer';
}

/** A page of a stored answer as a message. */
export function renderStored(stored: StoredAnswer, key: string, page: number, bot: BotServices) {
  const { perPage } = bot.settings;
  return renderAnswer({
    question: stored.question,
    answer: stored.answer,
    page,
    perPage: bot.settings.perPage,
    key,
    canThread: stored.canThread && stored.threadId === undefined,
    ...(stored.documentTitle ? { documentTitle: stored.documentTitle } : {}),
    ...(stored.searched !== undefined ? { searched: stored.searched } : {}),
    urlTemplate: bot.config.documentUrlTemplate,
  });
}
