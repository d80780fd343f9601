import { SlashCommandBuilder } from 'discord.js';
import { parseSourcesCustomId, SOURCES_PREFIX } from '../custom-ids.ts';
import { renderNotice } from '../render/messages.ts';
import { renderSources } from '../render/sources.ts';
import { respond, update } from '../reply.ts';
import type { SlashCommand } from '../types.ts';
import { INSTALLED_TO, SERVERS_AND_BOT_DMS } from './where.ts';

export const sources: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the indexed documents, their passage counts and when the index was built.')
    .setIntegrationTypes(...INSTALLED_TO)
    .setContexts(...SERVERS_AND_BOT_DMS),
  async execute(interaction, bot) {
    await respond(interaction, renderSources(bot.engine.documents(), bot.engine.info()), { ephemeral: true });
    return 'listed';
  },
  componentPrefix: SOURCES_PREFIX,
  /** Previous/Next: the list as it is now, at that page. */
  async component(interaction, bot) {
    const page = interaction.isButton() ? parseSourcesCustomId(interaction.customId) : undefined;
    if (page === undefined) {
      await respond(interaction, renderNotice("That button isn't valid."), { ephemeral: true });
      return 'invalid-button';
    }
    await update(interaction, renderSources(bot.engine.documents(), bot.engine.info(), page));
    return 'page';
  },
};
