// Embeds texts with a loaded Transformers.js feature-extraction pipeline: the same result as
// `pipe(texts, { pooling: 'mean', normalize: true })`, but several times faster on big inputs:
// - texts are sorted by token count and batched by a token budget, so little padding is computed;
// - the tokenizer's hottest steps are swapped for output-identical faster ones (fast-tokenizer.mjs);
// - input tensors are built directly and pooling reads lengths instead of the BigInt attention mask
//   (Transformers.js's mean_pooling converts a BigInt per token per dimension, most of the time here);
// - a graph with a `pooled_sum` output (the offline static model, whose padding rows are zero) is asked
//   for that output alone, so no token vectors are copied out of onnxruntime or pooled here.
// Plain JavaScript so worker threads can import it under both tsx and vitest.
import { Tensor } from '@xenova/transformers';
import { speedUpTokenizer } from './fast-tokenizer.mjs';

const POOLED_SUM = 'pooled_sum';
const MAX_BATCH_TEXTS = 64;
const MAX_BATCH_TOKENS = 8192;
// Attention scores grow with length squared: keeps a transformer's per-batch memory near 100 MB.
const MAX_BATCH_ATTENTION = 1 << 21;

/**
 * @param {import('@xenova/transformers').FeatureExtractionPipeline} pipe
 * @param {string[]} texts
 * @returns {Promise<(Float32Array | null)[]>} L2-normalised mean-pooled vectors; null where the model gives no usable vector.
 */
export async function embedTexts(pipe, texts) {
  const tokenizer = /** @type {any} */ (pipe.tokenizer);
  speedUpTokenizer(tokenizer);
  const limit = Number.isFinite(tokenizer.model_max_length) ? tokenizer.model_max_length : Infinity;
  const ids = texts.map((text) => {
    const row = tokenizer.encode(text);
    return row.length > limit ? row.slice(0, limit) : row;
  });
  /** @type {(Float32Array | null)[]} */
  const out = new Array(texts.length).fill(null);
  const order = [];
  for (let i = 0; i < ids.length; i++) if (ids[i].length > 0) order.push(i);
  order.sort((a, b) => ids[a].length - ids[b].length || a - b);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && fits(end - start + 1, ids[order[end]].length)) end++;
    const batch = order.slice(start, end);
    const vectors = await runBatch(pipe.model, batch.map((i) => ids[i]), tokenizer.pad_token_id ?? 0);
    batch.forEach((i, k) => (out[i] = vectors[k]));
    start = end;
  }
  return out;
}

/** Whether `count` texts padded to `width` tokens make an acceptable batch. */
function fits(count, width) {
  return count <= MAX_BATCH_TEXTS && count * width <= MAX_BATCH_TOKENS && count * width * width <= MAX_BATCH_ATTENTION;
}

/** @param {any} model @param {number[][]} rows @param {number} padId */
async function runBatch(model, rows, padId) {
  const width = rows[rows.length - 1].length; // rows are sorted by length
  const inputIds = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  rows.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) inputIds[i * width + j] = BigInt(row[j]);
  });
  const dims = [rows.length, width];
  const session = model.session;
  if (session?.outputNames?.includes(POOLED_SUM) && session.inputNames.every((name) => name === 'input_ids')) {
    const result = await session.run({ input_ids: new Tensor('int64', inputIds, dims) }, [POOLED_SUM]);
    // onnxruntime-node 1.14 labels a lone fetched output with the graph's first output name, so take
    // the one value returned, whatever its key, and check its shape.
    const values = Object.values(result);
    const pooled = values[0];
    if (values.length === 1 && pooled.dims.length === 2 && pooled.dims[0] === rows.length) {
      const dim = pooled.dims[1];
      return rows.map((_, i) => pool(pooled.data, i * dim, 1, dim));
    }
  }
  const mask = new BigInt64Array(rows.length * width);
  rows.forEach((row, i) => mask.fill(1n, i * width, i * width + row.length));
  const output = await model({ input_ids: new Tensor('int64', inputIds, dims), attention_mask: new Tensor('int64', mask, dims) });
  const hidden = output.last_hidden_state ?? output.logits ?? output.token_embeddings;
  const dim = hidden.dims[2];
  const data = /** @type {Float32Array} */ (hidden.data);
  return rows.map((row, i) => pool(data, i * width * dim, row.length, dim));
}

/** Mean over the first `length` token rows from `offset`, L2-normalised; null if not finite or zero. */
function pool(data, offset, length, dim) {
  const sum = new Float64Array(dim);
  for (let t = 0; t < length; t++) {
    const o = offset + t * dim;
    for (let d = 0; d < dim; d++) sum[d] += data[o + d];
  }
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += sum[d] * sum[d];
  norm = Math.sqrt(norm);
  if (!(norm > 0 && Number.isFinite(norm))) return null;
  const vector = new Float32Array(dim);
  for (let d = 0; d < dim; d++) vector[d] = sum[d] / norm;
  return vector;
}
