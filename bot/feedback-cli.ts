// `npm run feedback -- --export FILE.jsonl [--feedback FEEDBACK.jsonl]`: the answers members marked helpful, as
// questions for `npm run eval`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { exportHelpful } from './feedback-export.ts';

const USAGE = 'usage: npm run feedback -- --export FILE.jsonl [--feedback FEEDBACK.jsonl]';

function fail(message: string): never {
  process.stderr.write(`citebot: ${message}\n`);
  process.exit(1);
}

function options(args: string[]): { out: string; feedback: string | undefined } {
  let out: string | undefined;
  let feedback: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const [name, value] = [args[i], args[i + 1]];
    if (name !== '--export' && name !== '--feedback') fail(`unknown option ${JSON.stringify(name)}; ${USAGE}`);
    if (value === undefined || value.startsWith('--') || value.trim() === '') fail(`${name} needs a file; ${USAGE}`);
    if (name === '--export') out = value;
    else feedback = value;
    i += 1;
  }
  if (out === undefined) fail(USAGE);
  return { out, feedback };
}

dotenv.config({ quiet: true });
const { out, feedback } = options(process.argv.slice(2));
const from = resolve(feedback ?? (process.env['FEEDBACK_FILE']?.trim() || 'data/feedback.jsonl'));
if (!existsSync(from)) fail(`no feedback yet: ${from} does not exist (👍/👎 on answers are written there)`);
let text: string;
try {
  text = readFileSync(from, 'utf8');
} catch (error) {
  fail(`cannot read ${from}: ${(error as Error).message}`);
}
const { cases, helpful, skipped } = exportHelpful(text);
const target = resolve(out);
try {
  writeFileSync(target, cases.map((c) => JSON.stringify(c)).join('\n') + (cases.length > 0 ? '\n' : ''), 'utf8');
} catch (error) {
  fail(`cannot write ${target}: ${(error as Error).message}`);
}
const notVotes = skipped === 1 ? '1 line that is not a vote on an answer' : `${skipped} lines that are not votes on answers`;
const notes = skipped > 0 ? `; skipped ${notVotes} (older citebot, or damaged)` : '';
process.stdout.write(`wrote ${cases.length} question${cases.length === 1 ? '' : 's'} to ${target} (${helpful} answer${helpful === 1 ? '' : 's'} marked helpful${notes})\n`);
