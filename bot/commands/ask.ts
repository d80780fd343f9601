import {
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../retrieval/question.ts';
import { recordVote } from '../answer-feedback.ts';
import { startThread } from '../answer-thread.ts';
import { answerQuestion, renderStored } from '../answering.ts';
import { ASK_PREFIX, parseAskCustomId, parseCitationIndex } from '../custom-ids.ts';
import { withoutDiscordMarkup } from '../discord-markup.ts';
import { autocompleteDocument } from '../document-autocomplete.ts';
import { pageCount } from '../render/answer.ts';
import { resolveDocument } from '../render/choices.ts';
import { escapeFit } from '../render/markdown.ts';
import { renderContext, renderNotice } from '../render/messages.ts';
import { respond, update } from '../reply.ts';
import type { BotServices, ComponentInteraction, Outcome, SlashCommand, StoredAnswer } from '../types.ts';
import { INSTALLED_TO, SERVERS_AND_BOT_DMS } from './where.ts';


const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the documents; the answer quotes them exactly, with document, paragraph and lines.')
  .addStringOption((option) =>
    option.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((option) =>
    option.setName('document').setDescription('Only search this document').setAutocomplete(true),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'))
  .setIntegrationTypes(...INSTALLED_TO)
  .setContexts(...SERVERS_AND_BOT_DMS);

async function execute(interaction: ChatInputCommandInteraction, bot: BotServices): Promise<Outcome> {
  const typed = interaction.options.getString('question', true);
  const question = withoutDiscordMarkup(typed);
  const ephemeral = interaction.options.getBoolean('private') ?? false;
  if (question === '' && typed.trim() !== '') {
    await respond(interaction, renderNotice(NOTHING_TO_SEARCH), { ephemeral: true });
    return 'empty-question';
  }
  const wanted = interaction.options.getString('document');
  if (wanted === null) return answerQuestion(interaction, bot, { question, ephemeral });
  const document = resolveDocument(bot.engine.documents(), wanted);
  if (!document) {
    const text = `There is no indexed document called "${escapeFit(wanted, 100)}". Pick one from the list, or see /sources.`;
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return 'unknown-document';
  }
  return answerQuestion(interaction, bot, { question, ephemeral, document });
}

export const NOTHING_TO_SEARCH = 'There is nothing to search for once mentions, channels, emoji and timestamps are left out.';
const NOT_VALID = "That button isn't valid.";
const EXPIRED = 'This answer has expired (I keep recent answers only). Please ask again.';

/** The answer's buttons and its "Show context" menu. */
async function component(interaction: ComponentInteraction, bot: BotServices): Promise<Outcome> {
  const pressed = parseAskCustomId(interaction.customId);
  if (!pressed) return refuse(interaction);
  const stored = bot.answers.get(pressed.key);
  if (!stored) {
    await respond(interaction, renderNotice(EXPIRED), { ephemeral: true });
    return 'expired';
  }
  if (stored.ephemeral && stored.userId !== interaction.user.id) return refuse(interaction);
  if (pressed.action === 'ctx') {
    return interaction.isStringSelectMenu() ? showContext(interaction, bot, stored) : refuse(interaction);
  }
  if (!interaction.isButton()) return refuse(interaction);
  switch (pressed.action) {
    case 'more':
      return showPage(interaction, bot, stored, pressed);
    case 'thread':
      if (!stored.canThread || !interaction.inGuild() || !inPages(stored, pressed.page, bot)) return refuse(interaction);
      return startThread(interaction, stored, () => renderStored(stored, pressed.key, pressed.page, bot));
    case 'fb':
      return recordVote(interaction, bot, stored, pressed.key, pressed.vote);
  }
}

async function refuse(interaction: ComponentInteraction, text = NOT_VALID): Promise<Outcome> {
  await respond(interaction, renderNotice(text), { ephemeral: true });
  return 'invalid-button';
}

function inPages(stored: StoredAnswer, page: number, bot: BotServices): boolean {
  return page < pageCount(stored.answer.citations.length, bot.settings.perPage);
}

async function showPage(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  pressed: { page: number; key: string },
): Promise<Outcome> {
  if (!inPages(stored, pressed.page, bot)) return refuse(interaction);
  await update(interaction, renderStored(stored, pressed.key, pressed.page, bot));
  return 'page';
}

async function showContext(interaction: StringSelectMenuInteraction, bot: BotServices, stored: StoredAnswer): Promise<Outcome> {
  const index = interaction.values.length === 1 ? parseCitationIndex(interaction.values[0]) : undefined;
  const citation = index === undefined ? undefined : stored.answer.citations[index];
  if (!citation) return refuse(interaction);
  const excerpt =
    bot.engine.info().version === stored.answer.index.version ? bot.engine.context(citation.passageId, citation.location.paragraph) : undefined;
  if (!excerpt) {
    const text = 'The documents were reindexed since this answer, so its context has moved. Please ask again.';
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return 'expired';
  }
  await respond(interaction, renderContext(excerpt, { ...citation.location, display: citation.display }, bot.config.documentUrlTemplate), { ephemeral: true });
  return 'context';
}

export const ask: SlashCommand = {
  kind: 'slash',
  data,
  execute,
  autocomplete: autocompleteDocument,
  componentPrefix: ASK_PREFIX,
  component,
};
