// /documents: the preview before a document is added, its progress and outcome, removals, and the list of
// documents added from Discord. Pure functions, within Discord's limits.
import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { Location, UnitKind } from '../../retrieval/types.ts';
import { documentsCustomId } from '../custom-ids.ts';
import { COLOR_ANSWER, COLOR_NO_ANSWER } from './answer.ts';
import { citationLine, plural, sizeText } from './format.ts';
import { LIMITS, type ButtonRow, type MessagePayload } from './limits.ts';
import { citationUrl } from './links.ts';
import { escapeFit, oneLine } from './markdown.ts';
import { progressWords, renderNotice, skippedLines, type ReindexProgressView, type SkippedView } from './messages.ts';
import { quoteBlock } from './quote.ts';
import { truncate } from './truncate.ts';

/** A preview as the indexer made it (see bot/documents/preview.ts). */
export type PreviewView = {
  name: string;
  bytes: number;
  sameContent: string[];
} & (
  | {
      ok: true;
      format: string;
      title: string;
      passages: number;
      first: { display: string; kind: UnitKind; language?: string | undefined; section: string[]; location: Location };
    }
  | { ok: false; format?: string | undefined; reason: string }
);

/**
 * What the moderator may do with it: `add` (Confirm), `replace` (a file of that name with other content is there),
 * or nothing: `indexed` (the same content already is) or `refused` (it can't be read).
 */
export type PreviewState = 'add' | 'replace' | 'indexed' | 'refused';

export interface PreviewMessage {
  key: string;
  state: PreviewState;
  preview: PreviewView;
  /** Where it will be saved, below the documents folder ("added/rules.md"). */
  source: string;
  /** The page it came from, or undefined for an attachment. */
  url: string | undefined;
  /** Shown in the footer ("expires in 15 minutes"). */
  expiresInMinutes: number;
}

const field = (name: string, value: string, inline = true) => ({ name, value: truncate(value, LIMITS.fieldValue) || '—', inline });

/** The private preview of /documents add, with Confirm (or Replace) and Cancel when there is something to do. */
export function renderDocumentPreview(view: PreviewMessage): MessagePayload {
  const { preview, state } = view;
  const name = escapeFit(view.source, 150);
  const titles: Record<PreviewState, string> = {
    add: `Add ${view.source}?`,
    replace: `Replace ${view.source}?`,
    indexed: `Already indexed: ${view.preview.name}`,
    refused: `Can't add ${view.preview.name}`,
  };
  const lines: string[] = [];
  if (state === 'replace') lines.push(`⚠️ **${name}** is already there with other content. Replace it? The old version is kept for a while (see the README to undo).`);
  if (state === 'indexed') lines.push(`This exact content is already indexed as ${preview.sameContent.map((s) => `**${escapeFit(s, 150)}**`).slice(0, 5).join(', ')}. Nothing to add.`);
  if (!preview.ok) lines.push(`❌ ${escapeFit(oneLine(preview.reason), 1000)}`);
  const fields = [
    field('Format', preview.format ?? 'unknown'),
    ...(preview.ok ? [field('Title', escapeFit(oneLine(preview.title), 200)), field('Passages', preview.passages.toLocaleString('en-US'))] : []),
    field('Size', sizeText(preview.bytes)),
    field('From', view.url ? escapeFit(view.url, 500) : 'an attachment', false),
  ];
  if (preview.ok) {
    const { first } = preview;
    const cited = { title: preview.title, ...(first.section.length > 0 ? { section: first.section.join(' › ') } : {}), location: first.location };
    const line = citationLine(cited, undefined, citationUrl({ source: view.source, location: first.location, ...(view.url ? { url: view.url } : {}) }, undefined));
    const intro = 'The first passage, as answers will quote it:';
    const used = lines.join('\n').length + intro.length + line.length + 4;
    lines.push(intro, quoteBlock({ display: first.display, kind: first.kind, language: first.language }, Math.min(1500, LIMITS.embedDescription - used)), line);
  }
  const embed: APIEmbed = {
    title: escapeFit(titles[state], LIMITS.embedTitle),
    description: truncate(lines.join('\n'), LIMITS.embedDescription),
    color: state === 'add' || state === 'replace' ? COLOR_ANSWER : COLOR_NO_ANSWER,
    fields,
    footer: {
      text:
        state === 'add' || state === 'replace'
          ? `Only you see this. Nothing is written until you confirm; this preview expires in ${view.expiresInMinutes} minutes.`
          : 'Only you see this. Nothing was written.',
    },
  };
  const buttons: APIButtonComponentWithCustomId[] = [];
  if (state === 'add') buttons.push(button(documentsCustomId({ action: 'confirm', key: view.key }), 'Confirm', ButtonStyle.Success));
  if (state === 'replace') buttons.push(button(documentsCustomId({ action: 'replace', key: view.key }), 'Replace', ButtonStyle.Danger));
  if (buttons.length > 0) buttons.push(button(documentsCustomId({ action: 'cancel', key: view.key }), 'Cancel', ButtonStyle.Secondary));
  const components: ButtonRow[] = buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}

function button(customId: string, label: string, style: ButtonStyle.Success | ButtonStyle.Danger | ButtonStyle.Secondary): APIButtonComponentWithCustomId {
  return { type: ComponentType.Button, style, custom_id: customId, label };
}

/** While a document is saved and the index updated (the buttons are gone). */
export function renderDocumentWorking(doing: string, source: string, progress?: ReindexProgressView): MessagePayload {
  const step = progress ? `updating the index: ${progressWords(progress)}` : 'saving';
  return renderNotice(`⏳ ${doing} **${escapeFit(source, 150)}**: ${step}…`);
}

export interface DocumentOutcome {
  /** "Added", "Replaced", "Removed". */
  done: string;
  source: string;
  /** Where an old or removed version is kept, and for how long. */
  kept?: { at: string; days: number } | undefined;
  /** The reindex: its summary, or why it failed. */
  reindex: { ok: true; skipped: readonly SkippedView[]; passages: number | undefined } | { ok: false; reason: string };
}

/** How /documents add or remove ended: what was written or moved, and whether the index has it. */
export function renderDocumentOutcome(outcome: DocumentOutcome): MessagePayload {
  const source = escapeFit(outcome.source, 150);
  const lines: string[] = [];
  const { reindex } = outcome;
  const own = reindex.ok ? reindex.skipped.find((s) => s.source === outcome.source) : undefined;
  if (!reindex.ok) {
    lines.push(`⚠️ ${outcome.done} **${source}**, but the reindex failed: ${escapeFit(oneLine(reindex.reason), 500)}`);
    lines.push('The previous index is still in use; run /reindex to try again.');
  } else if (own) {
    lines.push(`⚠️ ${outcome.done} **${source}**, but the indexer skipped it: ${escapeFit(oneLine(own.reason), 500)}`);
  } else if (outcome.done === 'Removed') {
    lines.push(`✅ Removed **${source}**; answers no longer quote it.`);
  } else {
    const passages = reindex.passages === undefined ? '' : ` (${plural(reindex.passages, 'passage')})`;
    lines.push(`✅ ${outcome.done} **${source}**${passages}; answers can quote it now.`);
  }
  if (outcome.kept) {
    const what = outcome.done === 'Removed' ? 'The file is' : 'The old version is';
    lines.push(`${what} kept for ${plural(outcome.kept.days, 'day')} in ${escapeFit(outcome.kept.at, 400)}; to undo, move it back and run /reindex.`);
  }
  const head = lines.join('\n');
  const others = reindex.ok ? skippedLines(reindex.skipped.filter((s) => s !== own), LIMITS.content - head.length - 1) : '';
  return renderNotice(others ? `${head}\n${others}` : head);
}

export interface AddedEntry {
  source: string;
  /** Passages in the live index, or undefined when it isn't indexed. */
  passages: number | undefined;
  addedBy?: { id: string; name: string } | undefined;
  addedAt?: string | undefined;
  url?: string | undefined;
}

const PER_PAGE = 10;

/** /documents list: the documents added from Discord, a page at a time. */
export function renderDocumentList(entries: readonly AddedEntry[], page = 0): MessagePayload {
  const pages = Math.max(1, Math.ceil(entries.length / PER_PAGE));
  const shown = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const share = Math.floor((LIMITS.embedDescription - 200) / PER_PAGE);
  const lines = entries.slice(shown * PER_PAGE, (shown + 1) * PER_PAGE).map((entry) => truncate(entryLine(entry), share));
  const embed: APIEmbed = {
    title: `Documents added from Discord (${entries.length})`,
    description: lines.join('\n') || 'None yet. Moderators add documents with /documents add.',
    color: entries.length > 0 ? COLOR_ANSWER : COLOR_NO_ANSWER,
    footer: { text: `${pages > 1 ? `page ${shown + 1} of ${pages} · ` : ''}/sources lists every indexed document` },
  };
  const buttons = [
    ...(shown > 0 ? [{ page: shown - 1, label: 'Previous' }] : []),
    ...(shown < pages - 1 ? [{ page: shown + 1, label: 'Next' }] : []),
  ].map(({ page: target, label }) => button(documentsCustomId({ action: 'page', page: target }), label, ButtonStyle.Secondary));
  const components: ButtonRow[] = buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}

function entryLine(entry: AddedEntry): string {
  const parts = [`• **${escapeFit(entry.source, 150)}**`, entry.passages === undefined ? 'not indexed' : plural(entry.passages, 'passage')];
  // A mention in an embed never pings; it shows the member's current name.
  if (entry.addedBy && /^\d{1,20}$/u.test(entry.addedBy.id)) parts.push(`added by <@${entry.addedBy.id}>`);
  const when = entry.addedAt ? Date.parse(entry.addedAt) : NaN;
  if (!Number.isNaN(when)) parts.push(`<t:${Math.floor(when / 1000)}:d>`);
  const url = entry.url ? citationUrl({ source: entry.source, location: NO_LOCATION, url: entry.url }, undefined) : undefined;
  if (url) parts.push(`[from the web](${url})`);
  return parts.join(' · ');
}

const NO_LOCATION: Location = { charStart: 0, charEnd: 0, lineStart: 1, lineEnd: 1, paragraph: 1 };
