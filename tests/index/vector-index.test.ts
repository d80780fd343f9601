import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVectorIndex, NO_LABEL } from '../../store/vector-index.ts';
import { buildVectorIndexInWorker } from '../../index/vector-index-worker.ts';
import { tempDir } from '../helpers/temp-corpus.ts';

const DIM = 8;

/** Deterministic unit vectors; every fifth row is zero (a passage without a vector). */
function vectors(count: number): Float32Array {
  const out = new Float32Array(count * DIM);
  let seed = 7;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) - 0.5;
  for (let i = 0; i < count; i++) {
    if (i % 5 === 4) continue;
    const row = out.subarray(i * DIM, (i + 1) * DIM);
    row.forEach((_, j) => (row[j] = random()));
    const norm = Math.hypot(...row);
    row.forEach((x, j) => (row[j] = x / norm));
  }
  return out;
}

describe('the vector index', () => {
  it('is built the same on a worker thread, skips passages without a vector, and answers in passage positions', async () => {
    const v = vectors(300);
    const here = buildVectorIndex(v, DIM, 300);
    const dir = tempDir();
    const there = await buildVectorIndexInWorker(v, DIM, 300, join(dir, 'scratch.bin'));
    here.write(join(dir, 'here.bin'));
    there.write(join(dir, 'there.bin'));
    expect(readFileSync(join(dir, 'here.bin')).equals(readFileSync(join(dir, 'there.bin')))).toBe(true);
    expect(there.labels).toEqual(here.labels);
    expect(here.size).toBe(240);
    expect([...here.labels].filter((l) => l === NO_LABEL)).toHaveLength(60);
    for (const position of [0, 1, 123, 298]) expect(there.search(v.subarray(position * DIM, (position + 1) * DIM), 1)[0]!.position).toBe(position);
    expect(there.search(v.subarray(0, DIM), 1000)).toHaveLength(240);
  });
});
