import {
  ChannelType,
  SlashCommandBuilder,
  ThreadAutoArchiveDuration,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SendableChannels,
} from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../retrieval/question.ts';
import { answerQuestion, renderStored } from '../answering.ts';
import { withoutDiscordMarkup } from '../discord-markup.ts';
import { ASK_PREFIX, parseAskButton, type AskButton } from '../custom-ids.ts';
import { isDiscordCode } from '../errors.ts';
import { pageCount, renderThreadPost, threadName } from '../render/answer.ts';
import { autocompleteDocument } from '../document-autocomplete.ts';
import { resolveDocument } from '../render/choices.ts';
import { escapeFit } from '../render/markdown.ts';
import { renderContext, renderNotice } from '../render/messages.ts';
import { defer, post, respond, update } from '../reply.ts';
import type { BotServices, Outcome, SlashCommand, StoredAnswer } from '../types.ts';


const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the documents; the answer quotes them exactly, with document, paragraph and lines.')
  .addStringOption((option) =>
    option.setName('question').setDescription('What do you want to know?').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
  )
  .addStringOption((option) =>
    option.setName('document').setDescription('Only search this document').setAutocomplete(true),
  )
  .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer'));

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
  return answerQuestion(interaction, bot, { question, ephemeral, source: document.source, documentTitle: document.title });
}

export const NOTHING_TO_SEARCH = 'There is nothing to search for once mentions, channels, emoji and timestamps are left out.';
const NOT_VALID = "That button isn't valid.";
const EXPIRED = 'This answer has expired (I keep recent answers only). Please ask again.';

async function button(interaction: ButtonInteraction, bot: BotServices): Promise<Outcome> {
  const pressed = parseAskButton(interaction.customId);
  if (!pressed) {
    await respond(interaction, renderNotice(NOT_VALID), { ephemeral: true });
    return 'invalid-button';
  }
  const stored = bot.answers.get(pressed.key);
  if (!stored) {
    await respond(interaction, renderNotice(EXPIRED), { ephemeral: true });
    return 'expired';
  }
  if (stored.ephemeral && stored.userId !== interaction.user.id) {
    await respond(interaction, renderNotice(NOT_VALID), { ephemeral: true });
    return 'invalid-button';
  }
  switch (pressed.action) {
    case 'more':
      return showPage(interaction, bot, stored, pressed);
    case 'ctx':
      return showContext(interaction, bot, stored, pressed.index);
    case 'thread':
      return postToThread(interaction, bot, stored, pressed.page);
    case 'fb':
      return recordFeedback(interaction, bot, stored, pressed.vote);
  }
}

async function refuse(interaction: ButtonInteraction, text = NOT_VALID): Promise<Outcome> {
  await respond(interaction, renderNotice(text), { ephemeral: true });
  return 'invalid-button';
}

async function showPage(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  pressed: Extract<AskButton, { action: 'more' }>,
): Promise<Outcome> {
  if (pressed.page >= pageCount(stored.answer.citations.length, bot.settings.perPage)) return refuse(interaction);
  await update(interaction, renderStored(stored, pressed.key, pressed.page, bot));
  return 'page';
}

async function showContext(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  index: number,
): Promise<Outcome> {
  const citation = stored.answer.citations[index];
  if (!citation) return refuse(interaction);
  const excerpt =
    bot.engine.info().version === stored.answer.index.version ? bot.engine.context(citation.passageId) : undefined;
  if (!excerpt) {
    const text = 'The documents were reindexed since this answer, so its context has moved. Please ask again.';
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return 'expired';
  }
  await respond(interaction, renderContext(excerpt, citation.location, bot.config.documentUrlTemplate), { ephemeral: true });
  return 'context';
}

async function postToThread(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  page: number,
): Promise<Outcome> {
  const { perPage } = bot.settings;
  if (!stored.canThread || page >= pageCount(stored.answer.citations.length, perPage)) return refuse(interaction);
  if (!interaction.inGuild()) return refuse(interaction);
  await defer(interaction, true);
  const first = page * perPage;
  const shown = stored.answer.citations.slice(first, first + perPage);
  const message = renderThreadPost(stored.question, stored.answer, shown, first, bot.config.documentUrlTemplate);
  const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
  let target: SendableChannels;
  if (channel?.isThread()) {
    target = channel;
  } else {
    target = await threadFromMessage(interaction, stored);
  }
  await post(target, message);
  await respond(interaction, renderNotice(`Posted in <#${target.id}>.`));
  return 'posted';
}

/** The thread started from the answer message: a new one, or the one already there. */
async function threadFromMessage(interaction: ButtonInteraction, stored: StoredAnswer): Promise<SendableChannels> {
  const message = interaction.message;
  const existing = async (): Promise<SendableChannels> => {
    const thread = await interaction.client.channels.fetch(message.id);
    if (!thread?.isThread()) throw new Error(`channel ${message.id} is not a thread`);
    return thread;
  };
  if (message.hasThread) return existing();
  try {
    const thread = await interaction.client.channels.fetch(message.channelId).then((parent) => {
      if (parent?.type !== ChannelType.GuildText && parent?.type !== ChannelType.GuildAnnouncement) {
        throw new Error(`cannot start a thread in channel ${message.channelId}`);
      }
      return parent.threads.create({
        name: threadName(stored.question),
        startMessage: message.id,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
    });
    return thread;
  } catch (error) {
    if (isDiscordCode(error, 160004)) return existing(); // a thread has already been created for this message
    throw error;
  }
}

async function recordFeedback(
  interaction: ButtonInteraction,
  bot: BotServices,
  stored: StoredAnswer,
  vote: 'up' | 'down',
): Promise<Outcome> {
  await bot.feedback.append({
    at: new Date().toISOString(),
    vote,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    question: stored.question,
    passageIds: stored.answer.citations.map((citation) => citation.passageId),
    indexVersion: stored.answer.index.version,
    answered: stored.answer.answered,
  });
  await respond(interaction, renderNotice(vote === 'up' ? 'Thanks, glad it helped! 👍' : 'Thanks, noted. 👎'), {
    ephemeral: true,
  });
  return `feedback-${vote}`;
}

export const ask: SlashCommand = {
  kind: 'slash',
  data,
  execute,
  autocomplete: autocompleteDocument,
  buttonPrefix: ASK_PREFIX,
  button,
};
