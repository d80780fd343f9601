import type { AutocompleteInteraction } from 'discord.js';
import { documentChoices } from './render/choices.ts';
import type { BotServices, Outcome } from './types.ts';

/** Suggests indexed documents for a command's `document` option. */
export async function autocompleteDocument(interaction: AutocompleteInteraction, bot: BotServices): Promise<Outcome> {
  const focused = interaction.options.getFocused(true);
  const choices = focused.name === 'document' ? documentChoices(bot.engine.documents(), focused.value) : [];
  await interaction.respond(choices);
  return 'choices';
}
