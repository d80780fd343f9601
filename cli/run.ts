// Runs a CLI's main function: any failure becomes one clear line on stderr and a non-zero exit, never a stack trace.
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      process.stderr.write(`error: ${oneLine(error)}\n`);
      if (process.env.CITEBOT_DEBUG) console.error(error);
      process.exit(1);
    },
  );
}

function oneLine(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT' && e.path) return `no such file or folder: ${e.path}`;
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `${e.message.split('\n')[0]} (see README.md for the options)`;
  }
  return (e?.message ?? String(error)).split('\n')[0]!;
}
