// Worker thread: loads one pipeline from local files and embeds the chunks of texts it is sent.
// Plain JavaScript so it runs the same under tsx, vitest and plain node.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@xenova/transformers';
import { embedTexts } from './embed-batch.mjs';

// One onnxruntime thread per worker: the pool already runs a worker per core, and onnxruntime's own
// thread pool (which Transformers.js 2 gives no way to size) spins between runs, taking CPU from the
// tokenizer. The class is the one Transformers.js uses (onnxruntime-node is CommonJS, so one instance).
const transformersMain = createRequire(import.meta.url).resolve('@xenova/transformers');
const { InferenceSession } = createRequire(transformersMain)('onnxruntime-node');
const createSession = InferenceSession.create.bind(InferenceSession);
InferenceSession.create = (model, options) => createSession(model, { ...options, intraOpNumThreads: 1, interOpNumThreads: 1 });

/** @type {{ model: string, dir: string }} */
const { model, dir } = workerData;
env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = dir.endsWith('/') ? dir : `${dir}/`;
env.cacheDir = dir;
env.useFSCache = true;

const loading = pipeline('feature-extraction', model, { quantized: true });
loading.then(
  (pipe) => embedTexts(pipe, ['warms the worker up']).then(() => parentPort.postMessage({ ready: true })),
  (error) => parentPort.postMessage({ ready: false, error: error instanceof Error ? error.message : String(error) }),
);

parentPort.on('message', async (/** @type {{ id: number, texts: string[] }} */ { id, texts }) => {
  try {
    const vectors = await embedTexts(await loading, texts);
    const dim = vectors.find((v) => v)?.length ?? 0;
    const data = new Float32Array(texts.length * dim);
    const valid = new Uint8Array(texts.length);
    vectors.forEach((v, i) => {
      if (!v) return;
      data.set(v, i * dim);
      valid[i] = 1;
    });
    parentPort.postMessage({ id, dim, data, valid }, [data.buffer, valid.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
