import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedTexts } from '../../embedding/embed-batch.mjs';
import { loadEmbedder, OFFLINE_MODEL, type Embedder } from '../../embedding/embedder.ts';
import { loadPipeline } from '../../embedding/load-pipeline.ts';
import { ensureStaticModel, STATIC_MODEL_FILES } from '../../embedding/static-model.ts';
import { dot, norm, sharedModelsDir } from './fixtures/shared-models.ts';

const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    [...STATIC_MODEL_FILES, 'citebot-build.json'].map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );

describe('offline static model', () => {
  let modelsDir: string;
  let embedder: Embedder;
  beforeAll(async () => {
    modelsDir = await sharedModelsDir();
    embedder = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir });
  });
  afterAll(() => embedder?.close());

  it('builds byte-identical files every time, replacing damaged models and leftovers of killed builds', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'citebot-static-'));
    try {
      // A model whose weights file got truncated, and the temp folder of a build whose process died.
      const target = join(fresh, 'citebot', 'glove-static-100d');
      cpSync(join(modelsDir, 'citebot', 'glove-static-100d'), target, { recursive: true });
      truncateSync(join(target, 'onnx', 'model_quantized.onnx'), 1000);
      const abandoned = join(fresh, 'citebot', '.glove-static-100d.building-999999999-1');
      mkdirSync(abandoned);

      const started = performance.now();
      expect(await ensureStaticModel(fresh)).toBe(target);
      const seconds = (performance.now() - started) / 1000;
      console.log(`static model built in ${seconds.toFixed(1)} s`);

      expect(hashes(target)).toEqual(hashes(join(modelsDir, 'citebot', 'glove-static-100d')));
      expect(readdirSync(join(fresh, 'citebot'))).toEqual(['glove-static-100d']);
      expect(existsSync(abandoned)).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('reuses a complete build', async () => {
    const started = performance.now();
    await ensureStaticModel(modelsDir);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('embeds a sentence to a normalised 100-d vector', async () => {
    expect(embedder.id).toBe(OFFLINE_MODEL);
    expect(embedder.dimension).toBe(100);
    const [vector] = await embedder.embed(['The treaty was signed by the foreign ministers in Dushanbe.']);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector!.length).toBe(100);
    expect(norm(vector!)).toBeCloseTo(1, 5);
  });

  it('scores similar sentences higher than unrelated ones', async () => {
    const [cat, kitten, market, investors] = (await embedder.embed([
      'The cat sat on the mat.',
      'A kitten was sleeping on the rug.',
      'The stock market fell sharply today.',
      'Investors sold shares as prices dropped.',
    ])) as Float32Array[];
    expect(dot(cat!, kitten!)).toBeGreaterThan(dot(cat!, market!) + 0.2);
    expect(dot(cat!, kitten!)).toBeGreaterThan(dot(cat!, investors!) + 0.2);
    expect(dot(market!, investors!)).toBeGreaterThan(dot(market!, kitten!) + 0.2);
  });

  it('gives null, never a NaN vector, for texts with no known word', async () => {
    const vectors = await embedder.embed(['%%% ### ***', 'zzqx qqzx', '', 'the economy grew', '  \n ']);
    expect(vectors[0]).toBeNull();
    expect(vectors[1]).toBeNull();
    expect(vectors[2]).toBeNull();
    expect(vectors[4]).toBeNull();
    expect(vectors[3]!.every(Number.isFinite)).toBe(true);
  });

  it('gives what the ordinary Transformers.js pipeline gives', async () => {
    const pipe = await loadPipeline({ model: OFFLINE_MODEL, dir: modelsDir, remote: false });
    const texts = ['Short one.', 'A much longer text about the state of the union, the budget and the army.', 'Taxes'];
    const expected = (await pipe(texts, { pooling: 'mean', normalize: true })).tolist() as number[][];
    const actual = await embedTexts(pipe, texts);
    actual.forEach((vector, i) => vector!.forEach((x, d) => expect(x).toBeCloseTo(expected[i]![d]!, 6)));
    await pipe.dispose();
  });

  it('embeds a one-sentence query in a few milliseconds', async () => {
    const query = ['What did the president say about jobs and the economy?'];
    await embedder.embed(query);
    const started = performance.now();
    for (let i = 0; i < 50; i++) await embedder.embed(query);
    expect((performance.now() - started) / 50).toBeLessThan(5);
  });
});
