import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { DocumentInfo, IndexInfo } from '../../retrieval/engine-types.ts';
import { sourcesCustomId } from '../custom-ids.ts';
import { COLOR_ANSWER, COLOR_NO_ANSWER } from './answer.ts';
import { builtAtTimestamp, plural } from './format.ts';
import { LIMITS, type ButtonRow, type MessagePayload } from './limits.ts';
import { escapeFit } from './markdown.ts';
import { truncate } from './truncate.ts';

const PER_PAGE = 20;

/** The document list cut into pages of at most PER_PAGE lines that fit one embed. */
function pagesOf(lines: string[]): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (page.length > 0 && (page.length === PER_PAGE || used + line.length + 1 > LIMITS.embedDescription)) {
      pages.push(page);
      [page, used] = [[], 0];
    }
    page.push(line);
    used += line.length + 1;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** /sources: the indexed documents with their passage counts, a page at a time, and when the index was built. */
export function renderSources(documents: readonly DocumentInfo[], info: IndexInfo, page = 0): MessagePayload {
  const sorted = [...documents].sort((a, b) => a.title.localeCompare(b.title) || a.source.localeCompare(b.source));
  const lines = sorted.map(
    (doc) => `• **${escapeFit(doc.title, 120)}** — ${escapeFit(doc.source, 150)} · ${plural(doc.passages, 'passage')}`,
  );
  const pages = pagesOf(lines);
  const shown = Math.min(Math.max(0, Math.floor(page)), Math.max(0, pages.length - 1));
  const where = pages.length > 1 ? [`page ${shown + 1} of ${pages.length}`] : [];
  const embed: APIEmbed = {
    title: `Indexed documents (${documents.length})`,
    description: pages[shown]?.join('\n') ?? 'No documents are indexed yet.',
    color: documents.length > 0 ? COLOR_ANSWER : COLOR_NO_ANSWER,
    footer: { text: truncate([...where, plural(info.passages, 'passage'), `model ${info.model}`, 'index built'].join(' · '), 500) },
    ...builtAtTimestamp(info.builtAt),
  };
  const buttons = [
    ...(shown > 0 ? [{ page: shown - 1, label: 'Previous', emoji: '◀️' }] : []),
    ...(shown < pages.length - 1 ? [{ page: shown + 1, label: 'Next', emoji: '▶️' }] : []),
  ].map(({ page: target, label, emoji }) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    custom_id: sourcesCustomId(target),
    label,
    emoji: { name: emoji },
  }));
  const components: ButtonRow[] = buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
  return { content: '', embeds: [embed], components, allowedMentions: { parse: [] } };
}
