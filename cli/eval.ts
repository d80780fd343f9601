// npm run eval -- FILE.jsonl [--index DIR] [--seeds DIR] [--json] [--misses]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCli } from './run.ts';
import { FOLDER_OPTIONS, settingsWithFolders } from '../config/settings.ts';
import { openOrBuildEngine } from './open-engine.ts';
import { evaluate, parseEvalFile, type EvalReport } from '../retrieval/evaluate.ts';
import { citableTexts } from '../store/texts.ts';

runCli(async () => {
  const { values, positionals } = parseArgs({
    options: {
      ...FOLDER_OPTIONS,
      json: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new Error('eval needs one question file, e.g. npm run eval -- tests/eval/seed.jsonl');
  const cases = parseEvalFile(readFileSync(positionals[0]!, 'utf8'));
  const settings = settingsWithFolders(values);
  const engine = await openOrBuildEngine(settings);
  try {
    // What quotes are cut from: a text file itself, or the text the index kept of a PDF, Word file or web page.
    const report = await evaluate(engine, cases, citableTexts(settings.indexDir, settings.seedsDir));
    console.log(values.json ? JSON.stringify(report) : formatReport(report, values.misses));
  } finally {
    await engine.close();
  }
});

export function formatReport(r: EvalReport, misses: boolean): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = [
    ['questions', `${r.questions} (${r.answerable} answerable, ${r.unanswerable} not)`],
    ['hit@1', pct(r.hitAt1)],
    ['hit@5', pct(r.hitAt5)],
    ['MRR', r.mrr.toFixed(3)],
    ['abstention accuracy', pct(r.abstentionAccuracy)],
    ['answer rate (answerable)', pct(r.answerRate)],
    ['mean quote length', `${Math.round(r.meanQuoteLength)} chars`],
  ];
  const lines = rows.map(([k, v]) => `${k!.padEnd(26)}${v}`);
  if (misses) for (const m of r.misses) lines.push(`miss: ${m.question}\n  got:      ${m.got ?? '(no answer)'}\n  expected: ${m.expected ?? '(no answer)'}`);
  return lines.join('\n');
}
