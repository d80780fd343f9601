// node cli/preview.ts FILE [--name NAME] [--index DIR]: what FILE would add to the index (type, title, passages, the
// first passage, or why it can't be added), as one JSON line. Writes nothing. The bot runs it before /documents add.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { settingsWithFolders } from '../config/settings.ts';
import { previewDocument } from '../index/preview.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: { name: { type: 'string' }, index: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error('preview needs exactly one file');
  const { indexDir } = settingsWithFolders(values);
  const preview = await previewDocument(values.name ?? basename(file), readFileSync(file), indexDir);
  process.stdout.write(JSON.stringify({ type: 'preview', ...preview }) + '\n');
});
