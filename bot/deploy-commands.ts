// `npm run deploy-commands`: registers the bot's commands (in DISCORD_GUILD_ID if set: instant; else globally).
import { pathToFileURL } from 'node:url';
import dotenv from 'dotenv';
import { REST, Routes } from 'discord.js';
import { commands } from './commands/index.ts';
import { configOrExit, type BotConfig } from './config.ts';

export function commandBodies(): unknown[] {
  return commands.map((command) => command.data.toJSON());
}

/** PUTs the full command list; returns where it went and how many Discord saved. */
export async function deployCommands(
  config: BotConfig,
  rest: REST = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token),
): Promise<{ scope: string; count: number }> {
  const clientId = config.clientId;
  if (!clientId) throw new Error('DISCORD_CLIENT_ID is required to register commands');
  const route = config.guildId
    ? Routes.applicationGuildCommands(clientId, config.guildId)
    : Routes.applicationCommands(clientId);
  const saved = (await rest.put(route, { body: commandBodies() })) as unknown[];
  return { scope: config.guildId ? `guild ${config.guildId}` : 'global', count: saved.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  dotenv.config({ quiet: true });
  const config = configOrExit(process.env, 'deploy');
  try {
    const { scope, count } = await deployCommands(config);
    const where =
      scope === 'global'
        ? 'globally; Discord can take up to an hour to show them in every server'
        : `in server ${config.guildId ?? ''}; they show at once`;
    process.stdout.write(`Registered ${count} commands ${where}.\n`);
  } catch (error) {
    process.stderr.write(`citebot: could not register commands: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
