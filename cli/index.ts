// npm run index -- [--seeds DIR] [--index DIR] [--full]
import { parseArgs } from 'node:util';
import { buildIndex } from '../index/build.ts';
import { createProgress, type ProgressMode } from '../index/progress.ts';
import { FOLDER_OPTIONS, settingsWithFolders } from '../config/settings.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const { values } = parseArgs({
    options: {
      ...FOLDER_OPTIONS,
      full: { type: 'boolean', default: false },
      progress: { type: 'string', default: 'auto' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!['auto', 'plain', 'json'].includes(values.progress)) throw new Error('--progress must be auto, plain or json');
  const reporter = createProgress(values.progress as ProgressMode);
  try {
    const summary = await buildIndex({
      ...settingsWithFolders(values),
      full: values.full,
      onProgress: (p) => reporter.update(p),
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    });
    reporter.stop();
    reporter.done(summary);
  } finally {
    reporter.stop();
  }
});
