// npm run ask -- [--index DIR] [--seeds DIR] [--json] [--explain] [--stdin] [QUESTION]
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { runCli } from './run.ts';
import { FOLDER_OPTIONS, settingsWithFolders } from '../config/settings.ts';
import { openOrBuildEngine } from './open-engine.ts';
import type { Engine } from '../retrieval/engine-types.ts';
import { QuestionError } from '../retrieval/question.ts';
import { formatAnswer } from './format-answer.ts';

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: {
      ...FOLDER_OPTIONS,
      json: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const question = positionals.join(' ');
  if (!values.stdin && question.trim() === '') throw new Error('ask needs a question, e.g. npm run ask -- "what did CSTO say about outer space"');
  if (values.stdin && question) throw new Error('give the question as an argument or with --stdin, not both');
  const engine = await openOrBuildEngine({
    ...settingsWithFolders(values),
    log: (m) => process.stderr.write(m + '\n'),
  });
  try {
    if (values.stdin) {
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim() === '') continue;
        process.stdout.write((await respond(engine, line, values, true)) + '\n');
      }
    } else {
      process.stdout.write((await respond(engine, question, values, false)) + '\n');
    }
  } finally {
    await engine.close();
  }
});

/** One question's output; a bad question is an error line (and exit code 1 when it is the only question). */
async function respond(engine: Engine, question: string, { json, explain }: { json: boolean; explain: boolean }, many: boolean): Promise<string> {
  try {
    const answer = await engine.answer(question, { explain });
    return json ? JSON.stringify({ question, ...answer }) : formatAnswer(answer);
  } catch (error) {
    if (!(error instanceof QuestionError)) throw error;
    if (!many) throw error;
    process.exitCode = 1;
    return json ? JSON.stringify({ question, error: error.message }) : `error: ${error.message}`;
  }
}
