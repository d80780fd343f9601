// Development figures: every corpus's development set (or, with --holdout, its held-out set) through answer().
// npx tsx tests/bench/dev-eval.ts [--holdout] [--rebuild] [--misses CORPUS] [--model ID]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { openEngine } from '../../retrieval/engine.ts';
import { evaluate } from '../../retrieval/evaluate.ts';
import { CORPORA, prepareCorpus, questions } from '../corpus/corpora.ts';
import { PROJECT_ROOT } from '../helpers/temp-corpus.ts';
import { baselineFigures, ChunkBaseline } from './baseline.ts';
import { loadEmbedder } from '../../embedding/embedder.ts';

const { values } = parseArgs({
  options: { holdout: { type: 'boolean' }, rebuild: { type: 'boolean' }, misses: { type: 'string' }, model: { type: 'string' }, only: { type: 'string' }, baseline: { type: 'boolean' } },
});
const modelsDir = join(PROJECT_ROOT, 'data/models');
const model = values.model ?? OFFLINE_MODEL;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`.padStart(5);
console.log('corpus      sent@1 sent@5  doc@1  doc@5 declines answers quote');
for (const corpus of CORPORA) {
  if (values.only && values.only !== corpus.name) continue;
  const prepared = await prepareCorpus(corpus, join(PROJECT_ROOT, 'data/corpora', model.replace(/\W+/g, '-')), { modelsDir, model, rebuild: values.rebuild ?? false });
  const engine = await openEngine({ seedsDir: prepared.seedsDir, indexDir: prepared.indexDir, modelsDir, model, log: () => {} });
  const r = await evaluate(engine, questions(corpus, values.holdout ? 'holdout' : 'dev'), prepared.read);
  await engine.close();
  console.log(`${corpus.name.padEnd(10)} ${pct(r.hitAt1)}  ${pct(r.hitAt5)}  ${pct(r.documentAt1)}  ${pct(r.documentAt5)}    ${pct(r.abstentionAccuracy)}   ${pct(r.answerRate)}  ${Math.round(r.meanQuoteLength)}`);
  if (values.baseline) {
    const base = new ChunkBaseline(prepared.seedsDir);
    const cases = questions(corpus, values.holdout ? 'holdout' : 'dev');
    const b = await baselineFigures(cases, (q) => base.bm25(q), prepared.read);
    console.log(`  BM25 chunks ${pct(b.at1)}  ${pct(b.at5)}  ${pct(b.documentAt1)}  ${pct(b.documentAt5)}    ${pct(b.declines)}   ${pct(b.answers)}  ${Math.round(b.quoteLength)}`);
    const embedder = await loadEmbedder({ model, cacheDir: modelsDir, fallback: false });
    await base.embed(embedder, prepared.read);
    const v = await baselineFigures(cases, async (q) => base.vector((await embedder.embed([q]))[0]!), prepared.read);
    await embedder.close();
    console.log(`  vector      ${pct(v.at1)}  ${pct(v.at5)}  ${pct(v.documentAt1)}  ${pct(v.documentAt5)}    ${pct(v.declines)}   ${pct(v.answers)}  ${Math.round(v.quoteLength)}`);
  }
  if (values.misses === corpus.name && !values.holdout) {
    for (const m of r.misses) console.log(`- ${m.question}\n    got  ${m.gotSource ?? ''}: ${(m.got ?? '(declined)').slice(0, 160).replace(/\n/g, ' ')}\n    want ${m.expectedSource ?? ''}: ${(m.expected ?? '(decline)').slice(0, 160)}`);
  }
}
