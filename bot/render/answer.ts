import { ButtonStyle, ComponentType, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { Answer } from '../../retrieval/types.ts';
import { unmentionedSentence } from '../../retrieval/unmentioned.ts';
import { askButtonId } from '../custom-ids.ts';
import { builtAtTimestamp, citationLine, plural } from './format.ts';
import { LIMITS, type ButtonRow, type MessagePayload } from './limits.ts';
import { citationUrl } from './links.ts';
import { blockQuote, escapeFit } from './markdown.ts';
import { quoteText, type ShownAnswer, type ShownCitation } from './quote.ts';
import { truncate } from './truncate.ts';

export const COLOR_ANSWER = 0x2f9e44;
export const COLOR_NO_ANSWER = 0x868e96;

export interface AnswerView {
  question: string;
  answer: ShownAnswer;
  /** 0-based page of citations to show (clamped to the pages there are). */
  page: number;
  /** Citations per page (1-5: one "Context" button each). */
  perPage: number;
  /** Key of the answer in the bot's cache of recent answers; goes into the buttons' custom_ids. */
  key: string;
  /** Offer "Post to thread" (not for ephemeral answers or DMs). */
  canThread: boolean;
  /** Title of the document the question was restricted to, if any. */
  documentTitle?: string;
  /** DOCUMENT_URL_TEMPLATE: each citation links to its lines. */
  urlTemplate?: string | undefined;
}

export function pageCount(citations: number, perPage: number): number {
  return Math.max(1, Math.ceil(citations / perPage));
}

/** Citation blocks ("> quote" + where it stands), numbered from `first + 1`, fitting `max` characters together. */
export function citationBlocks(citations: readonly ShownCitation[], first: number, max: number, urlTemplate?: string): string {
  const separator = '\n\n';
  const share = Math.floor((max - separator.length * Math.max(0, citations.length - 1)) / Math.max(1, citations.length));
  return citations
    .map((citation, i) => {
      const line = citationLine(citation, first + i + 1, citationUrl(citation, urlTemplate));
      return `${blockQuote(quoteText(citation), share - line.length - 1, citation.cut)}\n${line}`;
    })
    .join(separator);
}

/** Plain text (footers render no markdown); Discord shows the embed's timestamp, the build time, after it. */
function footerText(answer: Pick<Answer, 'index'>, extra: string[]): string {
  const parts = [`Searched ${plural(answer.index.passages, 'passage')}`, ...extra, 'index built'];
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

function row(buttons: APIButtonComponentWithCustomId[]): ButtonRow[] {
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) }] : [];
}

/** The reply to a question: the page's citations as block quotes with their places, paging and feedback buttons. */
export function renderAnswer(view: AnswerView): MessagePayload {
  const { answer, key } = view;
  const perPage = Math.min(Math.max(1, Math.floor(view.perPage)), LIMITS.buttonsPerRow);
  const title = escapeFit(view.question, LIMITS.embedTitle) || 'Your question';
  const feedback = [
    button(askButtonId({ action: 'fb', vote: 'up', key }), 'Helpful', ButtonStyle.Secondary, '👍'),
    button(askButtonId({ action: 'fb', vote: 'down', key }), 'Not helpful', ButtonStyle.Secondary, '👎'),
  ];
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
      footer: { text: footerText(answer, []) },
      ...builtAtTimestamp(answer.index.builtAt),
    };
    return { content: '', embeds: [embed], components: row(feedback), allowedMentions: { parse: [] } };
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
    footer: { text: footerText(answer, extra) },
    ...builtAtTimestamp(answer.index.builtAt),
  };
  const navigation: APIButtonComponentWithCustomId[] = [];
  if (page > 0) navigation.push(button(askButtonId({ action: 'more', page: page - 1, key }), 'Previous', ButtonStyle.Secondary, '◀️'));
  if (page < pages - 1) navigation.push(button(askButtonId({ action: 'more', page: page + 1, key }), 'More sources', ButtonStyle.Primary));
  if (view.canThread) navigation.push(button(askButtonId({ action: 'thread', page, key }), 'Post to thread'));
  const contexts = shown.map((_, i) =>
    button(askButtonId({ action: 'ctx', index: first + i, key }), `Show context [${first + i + 1}]`),
  );
  return {
    content: '',
    embeds: [embed],
    components: [...row([...navigation, ...feedback]), ...row(contexts)],
    allowedMentions: { parse: [] },
  };
}

/** What "Post to thread" posts: the question and the page's quotes with their places, no buttons. */
export function renderThreadPost(
  question: string,
  answer: ShownAnswer,
  citations: readonly ShownCitation[],
  first: number,
  urlTemplate?: string,
): MessagePayload {
  const embed: APIEmbed = {
    title: escapeFit(question, LIMITS.embedTitle) || 'Sources',
    description: citationBlocks(citations, first, LIMITS.embedDescription, urlTemplate),
    color: COLOR_ANSWER,
    footer: { text: footerText(answer, []) },
    ...builtAtTimestamp(answer.index.builtAt),
  };
  return { content: '', embeds: [embed], allowedMentions: { parse: [] } };
}

/** A thread name (1-100 characters, one line) from a question. */
export function threadName(question: string): string {
  const name = question.replace(/\s+/gu, ' ').trim();
  return name.length > 0 ? truncate(name, LIMITS.threadName) : 'Sources';
}
