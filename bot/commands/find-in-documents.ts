import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { answerQuestion } from '../answering.ts';
import { withoutDiscordMarkup } from '../discord-markup.ts';
import { renderNotice } from '../render/messages.ts';
import { truncate } from '../render/truncate.ts';
import { respond } from '../reply.ts';
import type { MessageMenuCommand } from '../types.ts';
import { INSTALLED_TO, SERVERS_AND_BOT_DMS } from './where.ts';

/** Message context menu: search the documents for a message's text; the answer is ephemeral. */
export const findInDocuments: MessageMenuCommand = {
  kind: 'message',
  data: new ContextMenuCommandBuilder()
    .setName('Find in documents')
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(...INSTALLED_TO)
    .setContexts(...SERVERS_AND_BOT_DMS),
  async execute(interaction, bot) {
    // The resolved target message carries its content without the Message Content intent.
    // Mentions and emoji are not words; control characters (which the engine refuses in questions) and runs of
    // white space become single spaces.
    const content = withoutDiscordMarkup(interaction.targetMessage.content);
    const text = content.replace(/[\s\u0000-\u001F\u007F-\u009F]+/gu, ' ').trim();
    if (!text) {
      await respond(interaction, renderNotice('That message has no text to search for.'), { ephemeral: true });
      return 'empty-message';
    }
    const question = truncate(text, bot.settings.maxMessageQuestion).replace(/…$/u, '');
    return answerQuestion(interaction, bot, { question, ephemeral: true });
  },
};
