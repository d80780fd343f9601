import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { errorSummary, isInteractionGone } from '../errors.ts';
import { loadNewIndex } from '../index-refresh.ts';
import { refuseUnlessModerator } from '../moderator-gate.ts';
import type { MessagePayload } from '../render/limits.ts';
import { renderNotice, renderReindexDone, renderReindexFailed, renderReindexProgress } from '../render/messages.ts';
import { ReindexBusyError, ReindexFailedError, type ReindexSummary } from '../reindexer.ts';
import { defer, respond } from '../reply.ts';
import type { SlashCommand } from '../types.ts';
import { ThrottledEditor } from '../util/throttled-editor.ts';
import { INSTALLED_TO } from './where.ts';

const BUSY = 'A reindex is already running. Please wait for it to finish.';

export const reindex: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Moderators: re-read the documents folder and rebuild the index.')
    .addBooleanOption((option) => option.setName('full').setDescription('Rebuild everything, not only changed files'))
    // Hidden from non-moderators by default; the handler checks again, since servers can change who sees it.
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setIntegrationTypes(...INSTALLED_TO)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, bot) {
    const refused = await refuseUnlessModerator(interaction, bot, 'reindex', 'reindex', 'Reindexing can only be started from a server, not in DMs.');
    if (refused) return refused;
    const who = { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId };
    if (bot.reindexer.running) {
      await respond(interaction, renderNotice(BUSY), { ephemeral: true });
      return 'busy';
    }
    const full = interaction.options.getBoolean('full') ?? false;
    bot.logger.info({ ...who, full }, 'reindex started');
    // Set when Discord says the reply is gone (its token expired): then no more edits, not even the last one.
    let gone = false;
    const editor = new ThrottledEditor<MessagePayload>(
      (payload) => respond(interaction, payload),
      bot.settings.progressEditMs,
      (error) => {
        gone ||= isInteractionGone(error);
        bot.logger.warn({ err: errorSummary(error) }, 'reindex progress edit failed');
      },
    );
    /** The final edit, unless the reply is gone (that was logged once already). */
    const finish = async (payload: MessagePayload, outcome: string): Promise<string> => {
      if (gone) return 'expired-interaction';
      await respond(interaction, payload);
      return outcome;
    };
    let deferred = false;
    // Start the child first (synchronously), so a second request sees it running.
    const job = bot.reindexer.run({
      full,
      onProgress: (progress) => deferred && !gone && editor.offer(renderReindexProgress(full, progress)),
    });
    job.catch(() => undefined); // handled below; avoids an unhandled rejection if deferring fails first
    let summary: ReindexSummary;
    try {
      await defer(interaction, true);
      await respond(interaction, renderReindexProgress(full));
      deferred = true; // progress edits from now on (never before the "started" edit)
      summary = await job;
    } catch (error) {
      await editor.close();
      if (error instanceof ReindexBusyError) return finish(renderNotice(BUSY), 'busy');
      if (error instanceof ReindexFailedError) {
        bot.logger.error({ ...who, full, reason: error.message }, 'reindex failed');
        return finish(renderReindexFailed(error.message), 'failed');
      }
      // Discord failed us (e.g. the interaction expired): the reindex goes on; log how it ends.
      job.then(
        (done) => {
          bot.logger.info({ ...who, full, ...done }, 'reindex done');
          void bot.queue.push(() => bot.reloadIndex(), { force: true }).catch(() => undefined);
        },
        (failure: unknown) => bot.logger.error({ ...who, full, err: errorSummary(failure) }, 'reindex failed'),
      );
      throw error;
    }
    await editor.close();
    bot.logger.info({ ...who, full, ...summary }, 'reindex done');
    const problem = await loadNewIndex(bot);
    if (problem) return finish(renderReindexFailed(`the index was rebuilt but could not be loaded: ${problem}`), 'failed');
    return finish(renderReindexDone(summary), 'reindexed');
  },
};
