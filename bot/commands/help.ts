import { SlashCommandBuilder } from 'discord.js';
import { renderHelp } from '../render/help.ts';
import { respond } from '../reply.ts';
import type { SlashCommand } from '../types.ts';
import { INSTALLED_TO, SERVERS_AND_BOT_DMS } from './where.ts';

export const help: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What citebot does and how to use each command (only you see it).')
    .setIntegrationTypes(...INSTALLED_TO)
    .setContexts(...SERVERS_AND_BOT_DMS),
  async execute(interaction) {
    await respond(interaction, renderHelp(), { ephemeral: true });
    return 'help';
  },
};
