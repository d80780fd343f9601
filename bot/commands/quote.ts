import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { inTurn } from '../answering.ts';
import { autocompleteDocument } from '../document-autocomplete.ts';
import { resolveDocument } from '../render/choices.ts';
import { escapeFit } from '../render/markdown.ts';
import { renderNotice, renderQuote } from '../render/messages.ts';
import { respond, respondPrivately } from '../reply.ts';
import type { BotServices, Outcome, SlashCommand } from '../types.ts';
import { INSTALLED_TO, SERVERS_AND_BOT_DMS } from './where.ts';

const data = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Post a passage of a document, verbatim, with where it stands.')
  .addStringOption((option) =>
    option.setName('document').setDescription('Which document').setRequired(true).setAutocomplete(true),
  )
  .addIntegerOption((option) =>
    option.setName('line').setDescription('The passage holding this line').setMinValue(1).setMaxValue(10_000_000),
  )
  .addStringOption((option) =>
    option.setName('match').setDescription('The passage that best matches these words').setMaxLength(200),
  )
  .setIntegrationTypes(...INSTALLED_TO)
  .setContexts(...SERVERS_AND_BOT_DMS);

const BOTH = 'Give either `line` (the passage holding that line) or `match` (the passage matching those words), not both.';

async function execute(interaction: ChatInputCommandInteraction, bot: BotServices): Promise<Outcome> {
  const wanted = interaction.options.getString('document', true);
  const document = resolveDocument(bot.engine.documents(), wanted);
  if (!document) {
    const text = `There is no indexed document called "${escapeFit(wanted, 100)}". Pick one from the list, or see /sources.`;
    await respond(interaction, renderNotice(text), { ephemeral: true });
    return 'unknown-document';
  }
  const line = interaction.options.getInteger('line') ?? undefined;
  const match = interaction.options.getString('match')?.trim() || undefined;
  if (line !== undefined && match !== undefined) {
    await respond(interaction, renderNotice(BOTH), { ephemeral: true });
    return 'refused-options';
  }
  const query = match !== undefined ? { match } : { line: line ?? 1 };
  const turn = await inTurn(interaction, bot, false, async () => {
    const found = await bot.engine.findInDocument(document.source, query);
    return found;
  });
  if (typeof turn === 'string') return turn;
  const citation = turn.value;
  if (!citation) {
    const title = escapeFit(document.title, 150);
    const text =
      match !== undefined
        ? `No passage of **${title}** matches "${escapeFit(match, 200)}".`
        : `**${title}** has no line ${line ?? 1}.`;
    await respondPrivately(interaction, renderNotice(text));
    return 'not-found';
  }
  await respond(interaction, renderQuote(citation, bot.engine.info(), bot.config.documentUrlTemplate));
  return 'quoted';
}

export const quote: SlashCommand = {
  kind: 'slash',
  data,
  execute,
  autocomplete: autocompleteDocument,
};
