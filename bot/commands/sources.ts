import { SlashCommandBuilder } from 'discord.js';
import { renderSources } from '../render/messages.ts';
import { respond } from '../reply.ts';
import type { SlashCommand } from '../types.ts';

export const sources: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the indexed documents, their passage counts and when the index was built.'),
  async execute(interaction, bot) {
    await respond(interaction, renderSources(bot.engine.documents(), bot.engine.info()), { ephemeral: true });
    return 'listed';
  },
};
