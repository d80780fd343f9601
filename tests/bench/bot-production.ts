// npm run bench:bot — the bot in production conditions, on the CSTO article plus 233 State of the Union addresses:
// /ask to final reply with 30 members asking at once through the fake Discord, and SIGTERM to exit with an answer
// in flight for each way operators stop it. Prints a table.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIndex } from '../../index/build.ts';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { runCli } from '../../cli/run.ts';
import { parseEvalFile } from '../../retrieval/evaluate.ts';
import { sotuBenchFolder } from '../corpus/sotu.ts';
import { measureConcurrentAsks } from './bot-concurrency.ts';
import { measureShutdown, type ShutdownRun, type StopWay } from './bot-shutdown.ts';
import { median, table } from './measure.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'data/bench-bot');
const MEMBERS = 30;
const ROUNDS = 5; // each member asks 5 times: the most the rate limit (5 per 30 s) lets through
const SHUTDOWN_RUNS = 5;

runCli(async () => {
  const { addresses, settings } = sotuBenchFolder(work, root, OFFLINE_MODEL);
  process.stderr.write(`indexing the CSTO article and ${addresses} addresses...\n`);
  const built = await buildIndex({ ...settings, full: true, warn: (m) => process.stderr.write(`${m}\n`) });
  const questions = ['seed.jsonl', 'sotu.jsonl'].flatMap((f) =>
    parseEvalFile(readFileSync(join(root, 'tests/eval', f), 'utf8')).map((c) => c.question),
  );

  process.stderr.write(`${MEMBERS} members asking at once, ${ROUNDS} rounds...\n`);
  const load = await measureConcurrentAsks({ ...settings, questions, members: MEMBERS, rounds: ROUNDS });

  const ways: Array<[Parameters<typeof measureShutdown>[0]['how'], StopWay]> = [
    ['npm start', 'top process'],
    ['npm start', 'process group'],
    ['npm start', 'top process, twice'],
    ['node --import tsx bot/main.ts', 'top process'],
    ['node --import tsx bot/main.ts', 'process group'],
  ];
  const stops: Array<[string, ShutdownRun[]]> = [];
  for (const [how, way] of ways) {
    process.stderr.write(`stopping \`${how}\` by SIGTERM to the ${way}, ${SHUTDOWN_RUNS} times...\n`);
    const runs: ShutdownRun[] = [];
    for (let i = 0; i < SHUTDOWN_RUNS; i += 1) {
      runs.push(await measureShutdown({ ...settings, question: questions[i % questions.length] ?? 'why?', how, way }));
    }
    stops.push([`\`${how}\`, SIGTERM to the ${way}`, runs]);
  }

  const outcomes = Object.entries(load.outcomes).map(([outcome, n]) => `${n} ${outcome}`).join(', ');
  console.log(`\ncorpus: ${built.passages} passages; model ${OFFLINE_MODEL}; ${MEMBERS} members × ${ROUNDS} rounds (${outcomes})\n`);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    table([
      [`/ask to final reply, ${MEMBERS} members at once: median / p95`, `${ms(load.medianMs)} / ${ms(load.p95Ms)} (max ${ms(load.maxMs)})`, '< 3 s to first response'],
      ...stops.map(([label, runs]): [string, string, string] => {
        const ok = runs.filter((run) => run.exitCode === 0 && run.delivered).length;
        const exit = runs.map((run) => run.exitMs);
        const gone = runs.map((run) => run.goneMs);
        return [
          `SIGTERM to exit, answer in flight: ${label}`,
          `${ms(median(exit))} median, ${ms(Math.max(...exit))} max; group gone ≤ ${ms(Math.max(...gone))}; ${ok}/${runs.length} delivered, exit 0`,
          '< 10 s (Docker)',
        ];
      }),
    ]),
  );
});
