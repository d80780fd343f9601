// The incremental reindex after a document is added or removed, its progress shown in the moderator's message.
import type { RepliableInteraction } from 'discord.js';
import { errorSummary } from '../errors.ts';
import { refreshIndex } from '../index-refresh.ts';
import type { MessagePayload } from '../render/limits.ts';
import type { DocumentOutcome } from '../render/documents.ts';
import type { ReindexProgress } from '../reindexer.ts';
import { respond } from '../reply.ts';
import type { BotServices } from '../types.ts';
import { ThrottledEditor } from '../util/throttled-editor.ts';

/** Runs the reindex (after any running one), editing the reply with `render(progress)`; the outcome for the report. */
export async function reindexShowingProgress(
  interaction: RepliableInteraction,
  bot: BotServices,
  source: string,
  render: (progress: ReindexProgress) => MessagePayload,
): Promise<DocumentOutcome['reindex']> {
  // A failed edit (even an expired token) must not stop the reindex: the document is already saved or moved.
  const editor = new ThrottledEditor<MessagePayload>(
    (payload) => respond(interaction, payload),
    bot.settings.progressEditMs,
    (error) => bot.logger.warn({ err: errorSummary(error) }, 'documents progress edit failed'),
  );
  try {
    const result = await refreshIndex(bot, (progress) => editor.offer(render(progress)));
    if (!result.ok) {
      bot.logger.error({ source, reason: result.reason }, 'reindex after a document change failed');
      return { ok: false, reason: result.reason };
    }
    const passages = bot.engine.documents().find((doc) => doc.source === source)?.passages;
    return { ok: true, skipped: result.summary.skipped, passages };
  } finally {
    await editor.close();
  }
}
