// buildVectorIndex on a worker thread (hnsw-worker.mjs), so a full build's graph and keyword index are built at once.
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { HNSW_PARAMS, newLabels, NO_LABEL, readVectorIndex, type VectorIndex } from '../store/vector-index.ts';

/** The same graph as buildVectorIndex, built on another thread; `scratch` is a file path it may use meanwhile. */
export async function buildVectorIndexInWorker(vectors: Float32Array, dimension: number, count: number, scratch: string): Promise<VectorIndex> {
  const labels = newLabels(vectors, dimension, count);
  const workerData = { vectors, labels, dimension, params: HNSW_PARAMS, noLabel: NO_LABEL, path: scratch };
  try {
    await new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./hnsw-worker.mjs', import.meta.url), { workerData });
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the graph worker exited with code ${code}`)));
    });
    return readVectorIndex(scratch, labels, dimension);
  } finally {
    rmSync(scratch, { force: true });
  }
}
