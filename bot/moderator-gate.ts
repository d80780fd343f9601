import type { RepliableInteraction } from 'discord.js';
import { isModerator } from './permissions.ts';
import { renderNotice } from './render/messages.ts';
import { respond } from './reply.ts';
import type { BotServices, Outcome } from './types.ts';

/**
 * Lets only moderators of a server through, checked by the bot on every use (a server can change who sees a
 * command). Anyone else gets a private one-line refusal, logged; returns that outcome, or undefined to go on.
 * `command` names it in the log ("reindex"); `doing` ends "Only moderators … can <doing>." ("reindex").
 */
export async function refuseUnlessModerator(
  interaction: RepliableInteraction,
  bot: BotServices,
  command: string,
  doing: string,
  inDm: string,
): Promise<Outcome | undefined> {
  const who = { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId };
  if (!interaction.inGuild()) {
    await respond(interaction, renderNotice(inDm), { ephemeral: true });
    bot.logger.warn(who, `${command} refused: not in a server`);
    return 'refused-dm';
  }
  if (!isModerator(interaction, bot.config.moderatorRoleIds)) {
    await respond(interaction, renderNotice(`Only moderators (Manage Server permission or a moderator role) can ${doing}.`), { ephemeral: true });
    bot.logger.warn(who, `${command} refused: not a moderator`);
    return 'refused-permission';
  }
  return undefined;
}
