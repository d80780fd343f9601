// After /documents changes the documents folder: an incremental reindex (after any running one), then the new
// index loaded, so the next question is answered from it.
import { errorSummary } from './errors.ts';
import { ReindexBusyError, ReindexFailedError, type ReindexProgress, type ReindexSummary } from './reindexer.ts';
import type { BotServices } from './types.ts';

export type RefreshResult = { ok: true; summary: ReindexSummary } | { ok: false; reason: string };

export async function refreshIndex(bot: BotServices, onProgress: (progress: ReindexProgress) => void): Promise<RefreshResult> {
  let summary: ReindexSummary | undefined;
  while (!summary) {
    await bot.reindexer.idle();
    try {
      summary = await bot.reindexer.run({ full: false, onProgress });
    } catch (error) {
      if (error instanceof ReindexBusyError) continue; // another started first: wait for it too
      if (error instanceof ReindexFailedError) return { ok: false, reason: error.message };
      throw error;
    }
  }
  const problem = await loadNewIndex(bot);
  return problem ? { ok: false, reason: `the index was rebuilt but could not be loaded: ${problem}` } : { ok: true, summary };
}

/** Loads the index a reindex just wrote (between answers); the reason when it can't, and the old one stays in use. */
export async function loadNewIndex(bot: BotServices): Promise<string | undefined> {
  try {
    const reloaded = await bot.queue.push(() => bot.engine.reloadIfChanged(), { force: true });
    if (reloaded) bot.logger.info({ version: bot.engine.info().version }, 'index reloaded');
    return undefined;
  } catch (error) {
    bot.logger.error({ err: errorSummary(error) }, 'the new index could not be loaded');
    return error instanceof Error ? error.message : String(error);
  }
}
