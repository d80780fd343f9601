// Builds a new HNSW graph on a worker thread and writes it to a file, while the main thread builds the keyword
// index: hnswlib-node's addPoint is synchronous and the graph is most of a full build's indexing time.
// Plain JavaScript so it runs wherever the caller does (tsx, vitest) without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';

const { vectors, labels, dimension, params, noLabel, path } = workerData;
const graph = new hnswlib.HierarchicalNSW('cosine', dimension);
const count = labels.reduce((n, label) => (label === noLabel ? n : n + 1), 0);
graph.initIndex(Math.max(count, 1), params.m, params.efConstruction, params.seed);
for (let i = 0; i < labels.length; i++) {
  if (labels[i] !== noLabel) graph.addPoint(Array.from(vectors.subarray(i * dimension, (i + 1) * dimension)), labels[i]);
}
graph.writeIndexSync(path);
parentPort.postMessage('done');
