// Quality figures of every corpus: citebot on its development and held-out sets, the common recipe (BM25 and
// vector search over 1,000-character chunks) on the held-out set, and citebot under a second model.
import { join } from 'node:path';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { loadSynonyms } from '../../language/english/synonyms.ts';
import { answerFromIndex } from '../../retrieval/answer.ts';
import { evaluate, type EvalReport } from '../../retrieval/evaluate.ts';
import { loadIndex } from '../../retrieval/loaded-index.ts';
import { CORPORA, prepareCorpus, questions, type Corpus, type PreparedCorpus } from '../corpus/corpora.ts';
import { baselineFigures, ChunkBaseline, type BaselineFigures } from './baseline.ts';

export interface CorpusQuality {
  corpus: Corpus;
  dev: EvalReport;
  holdout: EvalReport;
  bm25: BaselineFigures;
  vector: BaselineFigures;
  /** Held-out figures under the second model, if measured. */
  second?: EvalReport;
}

/** Citebot's report on a prepared corpus with the given embedder (the index must have been built with it). */
export async function citebotReport(prepared: PreparedCorpus, embedder: Embedder, set: 'dev' | 'holdout', modelsDir: string): Promise<EvalReport> {
  const index = loadIndex(prepared.indexDir, loadSynonyms(modelsDir));
  const embed = async (text: string) => (await embedder.embed([text]))[0] ?? null;
  return evaluate({ answer: (q, o) => answerFromIndex(index, embed, q, o) }, questions(prepared.corpus, set), prepared.read);
}

export async function measureQuality(options: { workDir: string; modelsDir: string; model: string; second?: () => Promise<Embedder>; log: (m: string) => void }): Promise<CorpusQuality[]> {
  const embedder = await loadEmbedder({ model: options.model, cacheDir: options.modelsDir, fallback: false });
  const out: CorpusQuality[] = [];
  try {
    for (const corpus of CORPORA) {
      options.log(`quality: ${corpus.label}...`);
      const prepared = await prepareCorpus(corpus, options.workDir, { modelsDir: options.modelsDir, model: options.model, rebuild: true, log: options.log });
      const dev = await citebotReport(prepared, embedder, 'dev', options.modelsDir);
      const holdout = await citebotReport(prepared, embedder, 'holdout', options.modelsDir);
      const cases = questions(corpus, 'holdout');
      const chunks = new ChunkBaseline(prepared.seedsDir);
      const bm25 = await baselineFigures(cases, (q) => chunks.bm25(q), prepared.read);
      await chunks.embed(embedder, prepared.read);
      const vector = await baselineFigures(cases, async (q) => chunks.vector((await embedder.embed([q]))[0]!), prepared.read);
      const row: CorpusQuality = { corpus, dev, holdout, bm25, vector };
      if (options.second) {
        const second = await options.second();
        try {
          const indexDir = join(options.workDir, corpus.name, 'index-second');
          await buildIndex({ seedsDir: prepared.seedsDir, indexDir, modelsDir: options.modelsDir, embedder: second, full: true });
          row.second = await citebotReport({ ...prepared, indexDir }, second, 'holdout', options.modelsDir);
        } finally {
          await second.close();
        }
      }
      out.push(row);
    }
  } finally {
    await embedder.close();
  }
  return out;
}
