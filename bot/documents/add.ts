// /documents add: fetch the attachment or link, preview it privately (nothing written), then on Confirm write it
// into added/ atomically, log who did it, reindex and report.
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { newAnswerKey } from '../answering.ts';
import { sizeText } from '../render/format.ts';
import { renderDocumentOutcome, renderDocumentPreview, renderDocumentWorking, type PreviewState } from '../render/documents.ts';
import { escapeFit } from '../render/markdown.ts';
import { renderNotice } from '../render/messages.ts';
import { defer, respond, update } from '../reply.ts';
import type { BotServices, Outcome } from '../types.ts';
import { FetchRefused, type Fetched } from './fetch.ts';
import { nameFromUrl, withTypeExtension } from './file-names.ts';
import { DocumentFolder, FolderProblem, shownPath, type ExistingFile } from './folder.ts';
import { checkName } from './names.ts';
import { PreviewBusy, PreviewFailed, type Preview } from './preview.ts';
import { reindexShowingProgress } from './progress.ts';
import type { PendingDocument } from './services.ts';

const NAME_HINT = 'Give another with the `name` option.';

export async function addDocument(interaction: ChatInputCommandInteraction, bot: BotServices): Promise<Outcome> {
  const docs = bot.documents;
  const file = interaction.options.getAttachment('file');
  const link = interaction.options.getString('link')?.trim() || undefined;
  const given = interaction.options.getString('name') ?? undefined;
  const refuse = async (text: string, outcome: Outcome): Promise<Outcome> => {
    await respond(interaction, renderNotice(text), { ephemeral: true });
    bot.logger.info({ userId: interaction.user.id, outcome, reason: text }, 'document not added');
    return outcome;
  };
  if (Boolean(file) === Boolean(link)) return refuse('Give either a `file` or a `link` (one of them).', 'invalid-input');
  if (file && file.size > docs.maxBytes) {
    return refuse(`The file is ${sizeText(file.size)}, more than the ${sizeText(docs.maxBytes)} citebot takes.`, 'refused-size');
  }
  if (given !== undefined) {
    const checked = checkName(given);
    if (!checked.ok) return refuse(`The name “${shownName(given)}” can't be used: it ${checked.reason}. ${NAME_HINT}`, 'refused-name');
  }
  await defer(interaction, true);
  let fetched: Fetched;
  try {
    fetched = await docs.fetch(file ? file.url : link!);
  } catch (error) {
    if (error instanceof FetchRefused) return refuse(`❌ ${error.message}`, 'refused-fetch');
    throw error;
  }
  const ownName = file ? file.name : (fetched.fileName ?? nameFromUrl(new URL(fetched.url)));
  const name = withTypeExtension(given ?? ownName, file?.contentType ?? fetched.contentType);
  const checked = checkName(name);
  if (!checked.ok) return refuse(`The name “${shownName(name)}” can't be used: it ${checked.reason}. ${NAME_HINT}`, 'refused-name');
  const existing = docs.folder.existing(checked.name);
  if (existing && existing.name !== checked.name) return refuse(caseClash(checked.name, existing), 'refused-name');
  let preview: Preview;
  try {
    preview = await docs.preview(fetched.bytes, checked.name);
  } catch (error) {
    if (error instanceof PreviewBusy) return refuse('Other documents are being previewed right now; try again in a moment.', 'busy');
    if (!(error instanceof PreviewFailed)) throw error;
    bot.logger.error({ name: checked.name, reason: error.message }, 'document preview failed');
    return refuse(`❌ citebot could not read the file: ${escapeFit(error.message, 500)}`, 'failed-preview');
  }
  const url = file ? undefined : fetched.url;
  const state: PreviewState = !preview.ok ? 'refused' : preview.sameContent.length > 0 ? 'indexed' : existing && existing.hash !== preview.hash ? 'replace' : 'add';
  const key = newAnswerKey();
  if (preview.ok && (state === 'add' || state === 'replace')) {
    docs.pending.set(key, { userId: interaction.user.id, name: checked.name, bytes: fetched.bytes, url, preview });
  }
  await respond(interaction, previewMessage(bot, key, state, preview, url));
  return `preview-${state}`;
}

/** Confirm (or Replace) of a preview: writes the file, records and logs who added it, reindexes, reports. */
export async function confirmDocument(interaction: ButtonInteraction, bot: BotServices, key: string, replace: boolean): Promise<Outcome> {
  const docs = bot.documents;
  const pending = docs.pending.get(key);
  if (pending && pending.userId !== interaction.user.id) {
    await respond(interaction, renderNotice('Only the moderator who asked for this preview can confirm it.'), { ephemeral: true });
    return 'refused-permission';
  }
  // Taken now, before anything is awaited, so a second press of the same button finds nothing to write.
  docs.pending.delete(key);
  if (!pending) {
    await update(interaction, renderNotice('This preview has expired or was already used; nothing was written. Run /documents add again.'));
    return 'expired-preview';
  }
  const source = DocumentFolder.source(pending.name);
  await update(interaction, renderDocumentWorking('Saving', source));
  // From the check to the write nothing is awaited: the folder can't change between them under this bot.
  const existing = docs.folder.existing(pending.name);
  if (existing && existing.name !== pending.name) {
    await respond(interaction, renderNotice(caseClash(pending.name, existing)));
    return 'refused-name';
  }
  const replacing = existing !== undefined && existing.hash !== pending.preview.hash;
  if (replacing && !replace) {
    // A file of that name appeared since the preview: ask again.
    docs.pending.set(key, pending);
    await respond(interaction, previewMessage(bot, key, 'replace', pending.preview, pending.url));
    return 'preview-replace';
  }
  const who = { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId };
  let keptAt: string | undefined;
  try {
    ({ keptAt } = docs.folder.write(pending.name, pending.bytes));
  } catch (error) {
    if (!(error instanceof FolderProblem)) throw error;
    bot.logger.warn({ ...who, source, reason: error.message }, 'document not saved');
    await respond(interaction, renderNotice(`❌ Could not save **${escapeFit(source, 150)}**: ${escapeFit(error.message, 500)}.`));
    return 'failed-write';
  }
  record(bot, source, pending, who);
  bot.logger.info(
    { ...who, event: 'document', action: replacing ? 'replace' : 'add', source, url: pending.url, bytes: pending.bytes.length, hash: pending.preview.hash, keptAt },
    replacing ? 'document replaced' : 'document added',
  );
  const doing = replacing ? 'Replacing' : 'Adding';
  const reindex = await reindexShowingProgress(interaction, bot, source, (progress) => renderDocumentWorking(doing, source, progress));
  const kept = keptAt ? { at: shownPath(keptAt), days: bot.config.removedKeepDays } : undefined;
  await respond(interaction, renderDocumentOutcome({ done: replacing ? 'Replaced' : 'Added', source, kept, reindex }));
  return reindex.ok ? (replacing ? 'replaced' : 'added') : 'reindex-failed';
}

export async function cancelDocument(interaction: ButtonInteraction, bot: BotServices, key: string): Promise<Outcome> {
  const pending = bot.documents.pending.get(key);
  if (pending && pending.userId !== interaction.user.id) {
    await respond(interaction, renderNotice('Only the moderator who asked for this preview can cancel it.'), { ephemeral: true });
    return 'refused-permission';
  }
  bot.documents.pending.delete(key);
  await update(interaction, renderNotice('Cancelled; nothing was written.'));
  return 'cancelled';
}

function previewMessage(bot: BotServices, key: string, state: PreviewState, preview: Preview, url: string | undefined) {
  const expiresInMinutes = Math.round(bot.settings.pendingPreviews.ttlMs / 60_000);
  return renderDocumentPreview({ key, state, preview, source: DocumentFolder.source(preview.name), url, expiresInMinutes });
}

/** Who added it, when, and the page it came from (its citations link there). A failure here loses only that. */
function record(bot: BotServices, source: string, pending: PendingDocument, who: { userId: string; user: string }): void {
  try {
    bot.documents.added.set(source, {
      hash: pending.preview.hash,
      bytes: pending.bytes.length,
      addedAt: new Date().toISOString(),
      addedBy: { id: who.userId, name: who.user },
      ...(pending.url ? { url: pending.url } : {}),
    });
  } catch (error) {
    bot.logger.error({ source, reason: (error as Error).message }, 'could not record who added a document');
  }
}

/** A refused name as it can be shown: its control and invisible characters made visible (�), escaped, cut. */
function shownName(name: string): string {
  return escapeFit(name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '\uFFFD'), 120);
}

function caseClash(name: string, existing: ExistingFile): string {
  const there = escapeFit(DocumentFolder.source(existing.name), 150);
  return `The name “${escapeFit(name, 120)}” clashes with **${there}** (they differ only in capitals). Use exactly that name to replace it, or another name.`;
}
