// The bot as a real process, started the ways operators start it: `npm start` (Docker's `CMD npm start`, systemd
// with npm) or the production command `node --import tsx bot/main.ts`. Each runs in its own process group, so a
// test can signal the group as systemd does and check that nothing is left afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { PROJECT } from './harness.ts';

export type StartCommand = 'npm start' | 'node --import tsx bot/main.ts';

export interface BotProcess {
  child: ChildProcess;
  /** Process group id (= the top process's pid). */
  group: number;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines so far (npm's banner lines are skipped). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code once the top process has exited. */
  exited: Promise<number | null>;
}

/** npm's own command, as `npm test` ran it (or the one on PATH). */
function npmCommand(): [string, string[]] {
  const cli = process.env['npm_execpath'];
  return cli && /\.c?js$/u.test(cli) ? [process.execPath, [cli]] : ['npm', []];
}

/** Starts the bot with only the given settings (plus PATH and HOME), in a new process group. */
export function startBotProcess(how: StartCommand, env: Record<string, string>, cwd = PROJECT): BotProcess {
  const [command, args] =
    how === 'npm start' ? npmCommand() : [process.execPath, ['--import', 'tsx', 'bot/main.ts']];
  const { PATH, HOME } = process.env;
  const child = spawn(command, how === 'npm start' ? [...args, 'start'] : args, {
    cwd,
    env: { PATH: PATH ?? '', HOME: HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    group: child.pid ?? -1,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
  };
}

/** True while any process of the group is alive. */
export function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `condition` holds (no fixed sleeps in tests: this only bounds a wait that should end soon). */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Kills whatever is left of the group (test clean-up). */
export async function killGroup(bot: BotProcess | undefined): Promise<void> {
  if (!bot || !groupAlive(bot.group)) return;
  try {
    process.kill(-bot.group, 'SIGKILL');
  } catch {
    // already gone
  }
  await until(() => !groupAlive(bot.group), 'the process group to end', 10_000);
}
