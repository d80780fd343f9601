// The HNSW graph over passage vectors (hnswlib-node, cosine). Labels are passage positions.
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;

// efSearch 400 measured recall@10 0.995 against exact search on the 16.5k-passage mixed corpus (100 gave 0.956).
export const HNSW_PARAMS = { m: 16, efConstruction: 100, efSearch: 500, seed: 42 };

export interface VectorIndex {
  search(vector: Float32Array, k: number, allowed?: (label: number) => boolean): { label: number; distance: number }[];
  write(path: string): void;
  readonly size: number;
}

export function buildVectorIndex(vectors: Float32Array, dimension: number, count: number): VectorIndex {
  const index = new HierarchicalNSW('cosine', dimension);
  index.initIndex(Math.max(count, 1), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction, HNSW_PARAMS.seed);
  for (let i = 0; i < count; i++) {
    const row = vectors.subarray(i * dimension, (i + 1) * dimension);
    if (row.some((x) => x !== 0)) index.addPoint(Array.from(row), i);
  }
  return wrap(index);
}

export function readVectorIndex(path: string, dimension: number): VectorIndex {
  const index = new HierarchicalNSW('cosine', dimension);
  index.readIndexSync(path);
  return wrap(index);
}

function wrap(index: InstanceType<typeof HierarchicalNSW>): VectorIndex {
  index.setEf(HNSW_PARAMS.efSearch);
  return {
    get size() {
      return index.getCurrentCount();
    },
    search(vector, k, allowed) {
      const n = Math.min(k, index.getCurrentCount());
      if (n === 0) return [];
      const { neighbors, distances } = index.searchKnn(Array.from(vector), n, allowed);
      return neighbors.map((label, i) => ({ label, distance: distances[i]! }));
    },
    write(path) {
      index.writeIndexSync(path);
    },
  };
}
