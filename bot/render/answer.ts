import {
  ButtonStyle,
  ComponentType,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord.js';
import { unmentionedSentence } from '../../retrieval/unmentioned.ts';
import { askCustomId } from '../custom-ids.ts';
import { builtAtTimestamp, citationLine, placeText, plural } from './format.ts';
import { LIMITS, type ButtonRow, type MessagePayload, type SelectRow } from './limits.ts';
import { citationUrl } from './links.ts';
import { escapeFit, oneLine } from './markdown.ts';
import type { Answer, Citation } from '../../retrieval/types.ts';
import { alsoInLine, quoteBlock, quoteText } from './quote.ts';
import { truncate } from './truncate.ts';

export const COLOR_ANSWER = 0x2f9e44;
export const COLOR_NO_ANSWER = 0x868e96;
const MAX_PER_PAGE = 5;

export interface AnswerView {
  question: string;
  answer: Answer;
  /** 0-based page of citations to show (clamped to the pages there are). */
  page: number;
  /** Citations per page (1-5). */
  perPage: number;
  /** Key of the answer in the bot's cache of recent answers; goes into the buttons' custom_ids. */
  key: string;
  /** Offer "Start a thread" (only where the bot can start one from the answer). */
  canThread: boolean;
  /** Passages searched: the one document's when the question was restricted to it (default: the whole index). */
  searched?: number;
  /** Title of the document the question was restricted to, if any. */
  documentTitle?: string;
  /** DOCUMENT_URL_TEMPLATE: each citation links to its lines. */
  urlTemplate?: string | undefined;
}

export function pageCount(citations: number, perPage: number): number {
  return Math.max(1, Math.ceil(citations / perPage));
}

/** Citation blocks ("> quote" + where it stands), numbered from `first + 1`, fitting `max` characters together. */
export function citationBlocks(citations: readonly Citation[], first: number, max: number, urlTemplate?: string): string {
  const separator = '\n\n';
  const share = Math.floor((max - separator.length * Math.max(0, citations.length - 1)) / Math.max(1, citations.length));
  return citations
    .map((citation, i) => {
      const also = alsoInLine(citation);
      const line = citationLine(citation, first + i + 1, citationUrl(citation, urlTemplate)) + (also ? `\n${also}` : '');
      return `${quoteBlock(citation, share - line.length - 1)}\n${line}`;
    })
    .join(separator);
}

/** Plain text (footers render no markdown); Discord shows the embed's timestamp, the build time, after it. */
function footerText(facts: { passages: number }, extra: string[]): string {
  const parts = [`Searched ${plural(facts.passages, 'passage')}`, ...extra, 'index built'];
  return truncate(parts.join(' · '), 300);
}

function button(
  customId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
  emoji?: string,
): APIButtonComponentWithCustomId {
  const base = { type: ComponentType.Button as const, custom_id: customId, style, label };
  return emoji ? { ...base, emoji: { name: emoji } } : base;
}

function buttonRow(buttons: APIButtonComponentWithCustomId[]): ButtonRow[] {
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) }] : [];
}

/** "Show context": a menu over the page's citations (one option each: its number and place, and how it starts). */
function contextMenu(shown: readonly Citation[], first: number, page: number, key: string): SelectRow {
  const options = shown.map((citation, i) => ({
    label: truncate(`[${first + i + 1}] ${oneLine(citation.title)} · ${placeText(citation.location)}`, LIMITS.optionText) || `[${first + i + 1}]`,
    value: String(first + i),
    description: truncate(oneLine(quoteText(citation)), LIMITS.optionText) || undefined,
  }));
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: askCustomId({ action: 'ctx', page, key }),
    placeholder: 'Show the paragraph around a quote (only to you)',
    options: options.map(({ description, ...option }) => (description ? { ...option, description } : option)),
  };
  return { type: ComponentType.ActionRow, components: [select] };
}

/**
 * The reply to a question: the page's citations as block quotes with their places; one row of buttons (paging,
 * a thread, feedback) and a "Show context" menu.
 */
export function renderAnswer(view: AnswerView): MessagePayload {
  const { answer, key } = view;
  const perPage = Math.min(Math.max(1, Math.floor(view.perPage)), MAX_PER_PAGE);
  const title = escapeFit(view.question, LIMITS.embedTitle) || 'Your question';
  const feedback = [
    button(askCustomId({ action: 'fb', vote: 'up', key }), 'Helpful', ButtonStyle.Secondary, '👍'),
    button(askCustomId({ action: 'fb', vote: 'down', key }), 'Not helpful', ButtonStyle.Secondary, '👎'),
  ];
  const facts = { passages: view.searched ?? answer.index.passages, builtAt: answer.index.builtAt };
  if (!answer.answered || answer.citations.length === 0) {
    const where = view.documentTitle ? `**${escapeFit(view.documentTitle, 150)}** doesn't` : "The documents don't";
    const embed: APIEmbed = {
      title,
      description: [
        `${where} answer this question, so there is nothing to quote.`,
        ...(answer.unmentioned?.length ? [unmentionedSentence(answer.unmentioned, (w) => `**${escapeFit(w, 60)}**`)] : []),
        'Try other words, or see `/sources` for what is indexed.',
      ].join('\n'),
      color: COLOR_NO_ANSWER,
      footer: { text: footerText(facts, []) },
      ...builtAtTimestamp(facts.builtAt),
    };
    return { content: '', embeds: [embed], components: buttonRow(feedback), allowedMentions: { parse: [] } };
  }
  const pages = pageCount(answer.citations.length, perPage);
  const page = Math.min(Math.max(0, Math.floor(view.page)), pages - 1);
  const first = page * perPage;
  const shown = answer.citations.slice(first, first + perPage);
  const extra = pages > 1 ? [`sources ${first + 1}–${first + shown.length} of ${answer.citations.length}`] : [];
  if (view.documentTitle) extra.push(`only in ${view.documentTitle}`);
  const embed: APIEmbed = {
    title,
    description: citationBlocks(shown, first, LIMITS.embedDescription, view.urlTemplate),
    color: COLOR_ANSWER,
    footer: { text: footerText(facts, extra) },
    ...builtAtTimestamp(facts.builtAt),
  };
  const actions: APIButtonComponentWithCustomId[] = [];
  if (page > 0) actions.push(button(askCustomId({ action: 'more', page: page - 1, key }), 'Previous', ButtonStyle.Secondary, '◀️'));
  if (page < pages - 1) actions.push(button(askCustomId({ action: 'more', page: page + 1, key }), 'More sources', ButtonStyle.Primary));
  if (view.canThread) actions.push(button(askCustomId({ action: 'thread', page, key }), 'Start a thread', ButtonStyle.Secondary, '🧵'));
  return {
    content: '',
    embeds: [embed],
    components: [...buttonRow([...actions, ...feedback]), contextMenu(shown, first, page, key)],
    allowedMentions: { parse: [] },
  };
}

/** A thread name (1-100 characters, one line) from a question. */
export function threadName(question: string): string {
  const name = question.replace(/\s+/gu, ' ').trim();
  return name.length > 0 ? truncate(name, LIMITS.threadName) : 'Sources';
}
