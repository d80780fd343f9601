import type { ButtonInteraction } from 'discord.js';
import type { FeedbackEntry, Vote } from './feedback.ts';
import { renderNotice } from './render/messages.ts';
import { respond } from './reply.ts';
import type { BotServices, Outcome, StoredAnswer } from './types.ts';

const EMOJI: Record<Vote, string> = { up: '👍', down: '👎' };

/**
 * 👍/👎: one vote per member per answer (a changed vote replaces the earlier one, the same vote again changes
 * nothing), acknowledged privately. The line keeps the question and each cited quote with its place, so it stays
 * useful as evaluation data after the index changes.
 */
export async function recordVote(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  key: string,
  vote: Vote,
): Promise<Outcome> {
  const userId = interaction.user.id;
  const previous = stored.votes.get(userId);
  if (previous === vote) {
    await respond(interaction, renderNotice(`You already marked this answer ${EMOJI[vote]}.`), { ephemeral: true });
    return 'feedback-same';
  }
  stored.votes.set(userId, vote); // before the write, so a quick second press sees it
  const entry: FeedbackEntry = {
    at: new Date().toISOString(),
    answerId: key,
    vote,
    userId,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    question: stored.question,
    answered: stored.answer.answered,
    ...(stored.source ? { document: stored.source } : {}),
    indexVersion: stored.answer.index.version,
    citations: stored.answer.citations.map(({ source, title, quote, location }) => ({ source, title, quote, ...location })),
  };
  try {
    await bot.feedback.record(entry, previous !== undefined);
  } catch (error) {
    if (previous) stored.votes.set(userId, previous);
    else stored.votes.delete(userId);
    throw error;
  }
  const text = previous
    ? `Changed your vote on this answer to ${EMOJI[vote]}.`
    : vote === 'up'
      ? 'Thanks! Your 👍 is recorded.'
      : 'Thanks! Your 👎 is recorded. Other words, or /sources, may find a better answer.';
  await respond(interaction, renderNotice(text), { ephemeral: true });
  return previous ? `feedback-changed-${vote}` : `feedback-${vote}`;
}
