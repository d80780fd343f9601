import type { APIEmbed } from 'discord.js';
import type { Excerpt, IndexInfo } from '../../retrieval/engine-types.ts';
import { COLOR_ANSWER, COLOR_NO_ANSWER } from './answer.ts';
import { builtAtTimestamp, citationLine, placeText, plural } from './format.ts';
import { LIMITS, type MessagePayload } from './limits.ts';
import { citationUrl } from './links.ts';
import { escapeFit, escapeText, oneLine } from './markdown.ts';
import type { Citation } from '../../retrieval/types.ts';
import { quoteBlock } from './quote.ts';
import { truncate } from './truncate.ts';

/** A short message of the bot's own (errors, refusals, confirmations). Callers escape what they quote in it. */
export function renderNotice(text: string): MessagePayload {
  return { content: truncate(text, LIMITS.content), embeds: [], components: [], allowedMentions: { parse: [] } };
}

/** /quote: one passage, verbatim, with its place. */
export function renderQuote(citation: Citation, info: IndexInfo, urlTemplate?: string): MessagePayload {
  const line = citationLine(citation, undefined, citationUrl(citation, urlTemplate));
  const embed: APIEmbed = {
    description: `${quoteBlock(citation, LIMITS.embedDescription - line.length - 1)}\n${line}`,
    color: COLOR_ANSWER,
    footer: { text: `${plural(info.passages, 'passage')} · index built` },
    ...builtAtTimestamp(info.builtAt),
  };
  return { content: '', embeds: [embed], components: [], allowedMentions: { parse: [] } };
}

/**
 * "Show context": the whole paragraph around a cited quote, the quote in bold. A paragraph too long for one
 * message keeps the quote and as much as fits on each side of it.
 */
export function renderContext(
  excerpt: Excerpt,
  quoted: { charStart: number; charEnd: number; display?: string },
  urlTemplate?: string,
): MessagePayload {
  const { location } = excerpt;
  // As people read it (markup gone) when the quote's display text is found in the excerpt's; else the source text.
  const at = quoted.display ? excerpt.display.indexOf(quoted.display) : -1;
  const text = at >= 0 ? excerpt.display : excerpt.text;
  const start = at >= 0 ? at : Math.min(Math.max(quoted.charStart - location.charStart, 0), text.length);
  const end = at >= 0 ? at + quoted.display!.length : Math.min(Math.max(quoted.charEnd - location.charStart, start), text.length);
  const [before, quote, after] = [text.slice(0, start), text.slice(start, end), text.slice(end)].map(oneLineKeepEdges);
  const max = LIMITS.embedDescription;
  let description: string;
  if (quote === undefined || quote.trim() === '') {
    description = escapeFit(oneLine(text), max);
  } else {
    const bold = `**${escapeFit(quote.trim(), Math.min(max - 4, 2500))}**`;
    const head = escapeFit(before ?? '', Math.floor((max - bold.length) / 2), 'end');
    const tail = escapeFit(after ?? '', max - bold.length - head.length);
    description = `${head}${bold}${tail}`.trim();
  }
  const section = excerpt.section ? ` · § ${excerpt.section}` : '';
  const url = citationUrl(excerpt, urlTemplate);
  const embed: APIEmbed = {
    title: escapeFit(`Context: ${excerpt.title}`, LIMITS.embedTitle),
    ...(url ? { url } : {}),
    description,
    color: COLOR_ANSWER,
    footer: { text: truncate(`${excerpt.source}${section} · ${placeText(location)}`, 500) },
  };
  return { content: '', embeds: [embed], components: [], allowedMentions: { parse: [] } };
}

/** Line breaks to spaces, keeping whether the piece began or ended with white space (for joining). */
function oneLineKeepEdges(piece: string): string {
  return piece.replace(/\s*[\r\n\u2028\u2029]+\s*/gu, ' ');
}

export interface ReindexProgressView {
  stage: string;
  done: number;
  total: number;
  /** The indexer's own words for it ("embedding 3,100 of 6,400 passages"). */
  text?: string | undefined;
}

export interface SkippedView {
  source: string;
  reason: string;
}

export interface ReindexSummaryView {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  passages: number;
  seconds: number;
  skipped?: readonly SkippedView[];
}

/** What the indexer is doing, in words, on one line. */
export function progressWords(progress: ReindexProgressView): string {
  const words = progress.text ?? `${progress.stage} ${progress.done} of ${progress.total}`;
  return escapeFit(oneLine(words), 200);
}

/** /reindex while it runs. */
export function renderReindexProgress(full: boolean, progress?: ReindexProgressView): MessagePayload {
  const what = full ? 'Full reindex' : 'Reindex';
  return renderNotice(progress ? `⏳ ${what}: ${progressWords(progress)}…` : `⏳ ${what} started…`);
}

/** "2 files skipped:" and a line per file with its reason, within `max` characters; empty when none was. */
export function skippedLines(skipped: readonly SkippedView[], max: number): string {
  if (skipped.length === 0) return '';
  const head = `⚠️ ${plural(skipped.length, 'file')} skipped:`;
  const lines = [head];
  let used = head.length;
  for (const [i, file] of skipped.entries()) {
    const line = `• ${escapeFit(file.source, 150)}: ${escapeFit(oneLine(file.reason), 200)}`;
    const rest = skipped.length - i;
    const more = rest > 1 ? `\n…and ${rest - 1} more` : '';
    if (used + 1 + line.length + more.length > max) {
      lines.push(`…and ${rest} more`);
      break;
    }
    lines.push(line);
    used += 1 + line.length;
  }
  return lines.join('\n');
}

/** /reindex when done: the counts, then the files it skipped and why. */
export function renderReindexDone(summary: ReindexSummaryView): MessagePayload {
  const s = summary;
  const counts =
    `✅ Reindex done in ${s.seconds.toFixed(1)} s: ${s.added} added, ${s.changed} changed, ${s.removed} removed, ` +
    `${s.unchanged} unchanged; ${plural(s.passages, 'passage')} indexed.`;
  const skipped = skippedLines(s.skipped ?? [], LIMITS.content - counts.length - 1);
  return renderNotice(skipped ? `${counts}\n${skipped}` : counts);
}

/** /reindex when the child process failed. */
export function renderReindexFailed(message: string): MessagePayload {
  return renderNotice(`❌ Reindex failed: ${escapeText(oneLine(message)).slice(0, 1500)}\nThe previous index is still in use.`);
}

