// /documents remove: move the document out of the documents folder (kept for REMOVED_KEEP_DAYS, so it can be
// moved back), log who did it, reindex and report.
import type { ChatInputCommandInteraction } from 'discord.js';
import { resolveDocument } from '../render/choices.ts';
import { renderDocumentOutcome, renderDocumentWorking } from '../render/documents.ts';
import { escapeFit } from '../render/markdown.ts';
import { renderNotice } from '../render/messages.ts';
import { defer, respond } from '../reply.ts';
import type { BotServices, Outcome } from '../types.ts';
import { FolderProblem, shownPath } from './folder.ts';
import { reindexShowingProgress } from './progress.ts';

export async function removeDocument(interaction: ChatInputCommandInteraction, bot: BotServices): Promise<Outcome> {
  const value = interaction.options.getString('document', true);
  // An indexed document (as autocompleted), or a path below the documents folder (e.g. a file the indexer skipped).
  const source = resolveDocument(bot.engine.documents(), value)?.source ?? value.trim();
  const who = { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId };
  await defer(interaction, true);
  let keptAt: string;
  try {
    keptAt = bot.documents.folder.remove(source);
  } catch (error) {
    if (!(error instanceof FolderProblem)) throw error;
    bot.logger.info({ ...who, source, reason: error.message }, 'document not removed');
    await respond(interaction, renderNotice(`❌ Could not remove **${escapeFit(source, 150)}**: ${escapeFit(error.message, 500)}.`));
    return 'refused-remove';
  }
  bot.logger.info({ ...who, event: 'document', action: 'remove', source, keptAt }, 'document removed');
  await respond(interaction, renderDocumentWorking('Removing', source));
  const reindex = await reindexShowingProgress(interaction, bot, source, (progress) => renderDocumentWorking('Removing', source, progress));
  const kept = { at: shownPath(keptAt), days: bot.config.removedKeepDays };
  await respond(interaction, renderDocumentOutcome({ done: 'Removed', source, kept, reindex }));
  return reindex.ok ? 'removed' : 'reindex-failed';
}
