// A build's HNSW graph: for an incremental build, the previous graph with the labels of removed and changed
// passages deleted and the new passages added, instead of a new graph built from every vector.
import hnswlib from 'hnswlib-node';
import { buildVectorIndex, hasVector, NO_LABEL, rowOf, wrap, type VectorIndex } from '../store/vector-index.ts';
import { buildVectorIndexInWorker } from './vector-index-worker.ts';

const { HierarchicalNSW } = hnswlib;

/** Above this share of deleted elements a new graph is built: deleted nodes still cost search time and recall. */
export const MAX_DELETED_SHARE = 0.3;

export interface PreviousGraph {
  path: string;
  /** Previous position -> label. */
  labels: Uint32Array;
}

/**
 * The previous graph updated to the new passages, or undefined when too much of it would be deleted.
 * reusedFrom[position] is the previous position of a passage kept with its vector, or -1 for a new passage.
 */
export function updateVectorIndex(
  previous: PreviousGraph,
  reusedFrom: Int32Array,
  vectors: Float32Array,
  dimension: number,
): VectorIndex | undefined {
  const labels = new Uint32Array(reusedFrom.length).fill(NO_LABEL);
  const kept = new Uint8Array(previous.labels.length);
  const added: number[] = [];
  let live = 0;
  reusedFrom.forEach((from, position) => {
    if (from >= 0) {
      labels[position] = previous.labels[from]!;
      kept[from] = 1;
      if (labels[position] !== NO_LABEL) live++;
    } else if (hasVector(vectors, dimension, position)) {
      added.push(position);
    }
  });
  const graph = new HierarchicalNSW('cosine', dimension);
  graph.readIndexSync(previous.path);
  const elements = graph.getCurrentCount() + added.length;
  if (elements - live - added.length > MAX_DELETED_SHARE * elements) return undefined;
  if (elements > graph.getMaxElements()) graph.resizeIndex(elements);
  previous.labels.forEach((label, from) => {
    if (label !== NO_LABEL && !kept[from]) graph.markDelete(label);
  });
  let next = graph.getCurrentCount();
  for (const position of added) {
    labels[position] = next++;
    graph.addPoint(rowOf(vectors, dimension, position), labels[position]!);
  }
  return wrap(graph, labels);
}

/** The previous graph updated in place when there is one worth keeping, else a new graph built on a worker thread (using the scratch file). */
export async function vectorIndexFor(
  previous: PreviousGraph | undefined,
  reusedFrom: Int32Array,
  vectors: Float32Array,
  dimension: number,
  scratch: string,
  warn: (message: string) => void,
): Promise<VectorIndex> {
  if (previous) {
    try {
      const updated = updateVectorIndex(previous, reusedFrom, vectors, dimension);
      if (updated) return updated;
    } catch (error) {
      warn(`rebuilding the vector graph: the previous one could not be updated (${(error as Error).message})`);
    }
  }
  try {
    return await buildVectorIndexInWorker(vectors, dimension, reusedFrom.length, scratch);
  } catch (error) {
    warn(`building the vector graph on this thread: the worker failed (${(error as Error).message})`);
    return buildVectorIndex(vectors, dimension, reusedFrom.length);
  }
}
