import { PermissionFlagsBits, type Interaction } from 'discord.js';

/** Moderators: members with Manage Server, or with one of the configured roles. Checked on every use. */
export function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const held = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return held.some((role) => moderatorRoleIds.includes(role));
}
