import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';

/**
 * citebot is installed to servers, not to members' accounts: every command declares so, and is used in those
 * servers and in DMs with the bot. (Group DMs and other people's DMs need a user install, which citebot is not.)
 */
export const INSTALLED_TO = [ApplicationIntegrationType.GuildInstall] as const;
export const SERVERS_AND_BOT_DMS = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;
