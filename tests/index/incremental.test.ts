// An incremental build (previous graph updated in place, stored tokens and word vectors reused, passages.json
// bytes copied) must give the same index as a full rebuild of the same seeds.
import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { readCurrentVersion } from '../../store/files.ts';
import { STORE_FILES } from '../../store/format.ts';
import { NO_LABEL } from '../../store/vector-index.ts';
import { openEngine } from '../../retrieval/engine.ts';
import { loadStore, type LoadedStore } from '../../store/read.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { engineOptions, MODELS_DIR, SEED_FILE, TEST_MODEL, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
let sotu: string;
let addresses: string[];
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
  sotu = tempDir('citebot-sotu-');
  writeSotuSeeds(sotu, '.');
  addresses = readdirSync(sotu).sort().slice(0, 14); // the 1790s: short addresses
});
afterAll(() => embedder.close());

/** A seeds folder with the CSTO article and the given addresses. */
function seedsWith(count: number): string {
  const seeds = tempSeeds({}, true);
  for (const name of addresses.slice(0, count)) copyFileSync(join(sotu, name), join(seeds, name));
  return seeds;
}

const add = (seeds: string, name: string) => copyFileSync(join(sotu, name), join(seeds, name));
const storeFile = (indexDir: string, name: string) => readFileSync(join(indexDir, readCurrentVersion(indexDir)!, name));
const SAME_BYTES = [STORE_FILES.passages, STORE_FILES.vectors, STORE_FILES.keyword, STORE_FILES.tokens];

/** A full build of the same seeds in a fresh folder, and each store file the two must share byte for byte. */
async function expectSameAsFullBuild(seeds: string, indexDir: string): Promise<string> {
  const full = engineOptions(seeds);
  await buildIndex({ ...full, embedder, full: true });
  for (const name of SAME_BYTES) expect(storeFile(indexDir, name).equals(storeFile(full.indexDir, name)), name).toBe(true);
  return full.indexDir;
}

function vectorOf(store: LoadedStore, position: number): Float32Array | undefined {
  const dim = store.manifest.model.dimension;
  const row = store.vectors.subarray(position * dim, (position + 1) * dim);
  return row.some((x) => x !== 0) ? row : undefined;
}

/** An updated graph keeps its labels and gives added passages new, higher ones; a new graph numbers passages in order. */
function updatedInPlace(store: LoadedStore): boolean {
  const labels = [...store.hnsw.labels].filter((label) => label !== NO_LABEL);
  return store.hnsw.elements > store.hnsw.size || labels.some((label, i) => i > 0 && label < labels[i - 1]!);
}

/** Every passage with a vector is its own nearest neighbour, and a search over everything returns exactly those passages. */
function expectGraphMatchesPassages(store: LoadedStore): void {
  const withVectors: number[] = [];
  store.passages.forEach((_, position) => {
    const v = vectorOf(store, position);
    if (!v) return;
    withVectors.push(position);
    const [hit] = store.hnsw.search(v, 1);
    expect(hit!.distance).toBeCloseTo(0, 5);
    expect(store.passages[hit!.position]!.text).toBe(store.passages[position]!.text);
  });
  expect(store.hnsw.size).toBe(withVectors.length);
  const all = store.hnsw.search(vectorOf(store, withVectors[0]!)!, store.passages.length);
  expect(all.map((h) => h.position).sort((a, b) => a - b)).toEqual(withVectors);
}

describe('an incremental build', () => {
  it('gives the same store, graph searches and answers as a full rebuild, through adds, changes and removals', async () => {
    const seeds = seedsWith(10);
    const options = engineOptions(seeds);
    await buildIndex({ ...options, embedder });
    const edits: Array<[string, () => void, object]> = [
      ['add two', () => (add(seeds, addresses[10]!), add(seeds, addresses[11]!)), { added: 2, changed: 0, removed: 0 }],
      ['change one, remove one', () => (appendFileSync(join(seeds, addresses[3]!), '\n\nA new closing paragraph about the lighthouse keepers.\n'), rmSync(join(seeds, addresses[5]!))), { added: 0, changed: 1, removed: 1 }],
      ['add one, change the article', () => (add(seeds, addresses[12]!), appendFileSync(join(seeds, SEED_FILE), '\n\nThe ministers also discussed border patrols.\n')), { added: 1, changed: 1, removed: 0 }],
    ];
    let fullIndex = '';
    for (const [name, edit, counts] of edits) {
      edit();
      expect(await buildIndex({ ...options, embedder }), name).toMatchObject(counts);
      const store = loadStore(options.indexDir);
      expect(updatedInPlace(store), `${name}: the graph was updated, not rebuilt`).toBe(true);
      expectGraphMatchesPassages(store);
      fullIndex = await expectSameAsFullBuild(seeds, options.indexDir);
    }
    expect(loadStore(options.indexDir).hnsw.elements).toBeGreaterThan(loadStore(options.indexDir).hnsw.size); // deleted labels are still in the graph

    const questions = [
      'What did the president say about the militia?',
      'How should the public debt be paid?',
      'What was said about the post office and post roads?',
      'What about treaties with the Indian tribes?',
      'What did the ministers discuss about border patrols?',
      'What did the CSTO say about terrorism?',
      'Who looks after the lighthouse?',
    ];
    const incremental = await openEngine({ ...options, log: () => {} });
    const full = await openEngine({ ...options, indexDir: fullIndex, log: () => {} });
    try {
      for (const q of questions) {
        const [a, b] = [await incremental.answer(q), await full.answer(q)];
        expect(a.citations, q).toEqual(b.citations);
        expect(a.answered, q).toBe(b.answered);
      }
      expect((await incremental.answer('What did the ministers discuss about border patrols?')).citations[0]?.quote).toContain('border patrols');
    } finally {
      await incremental.close();
      await full.close();
    }
  });

  it('never finds removed or changed passages by vector search', async () => {
    const seeds = seedsWith(8);
    const options = engineOptions(seeds);
    await buildIndex({ ...options, embedder });
    const before = loadStore(options.indexDir);
    appendFileSync(join(seeds, addresses[2]!), '\n\nAn added paragraph changes this address.\n');
    rmSync(join(seeds, addresses[6]!));
    await buildIndex({ ...options, embedder });
    const after = loadStore(options.indexDir);
    expect(after.hnsw.elements).toBeGreaterThan(after.hnsw.size); // updated in place: the old labels are marked deleted
    const gone = before.passages.filter((p) => p.source === addresses[2] || p.source === addresses[6]);
    expect(gone.length).toBeGreaterThan(5);
    for (const p of gone) {
      const hits = after.hnsw.search(vectorOf(before, p.id)!, 20);
      expect(hits).toHaveLength(20);
      for (const hit of hits) {
        // Each hit is a live passage, and its distance is that passage's own: the label maps to the right position.
        const v = vectorOf(after, hit.position)!;
        const cosine = v.reduce((sum, x, j) => sum + x * vectorOf(before, p.id)![j]!, 0);
        expect(1 - hit.distance).toBeCloseTo(cosine, 4);
        if (after.passages[hit.position]!.source !== addresses[2]) {
          expect(before.passages.some((q) => q.source === after.passages[hit.position]!.source && q.text === after.passages[hit.position]!.text)).toBe(true);
        }
      }
    }
    expectGraphMatchesPassages(after);
  });

  it('rebuilds the graph when more than 30% of it would be deleted, and on --full', async () => {
    const seeds = seedsWith(6);
    const options = engineOptions(seeds);
    await buildIndex({ ...options, embedder });
    const graph = () => {
      const { hnsw } = loadStore(options.indexDir);
      return { elements: hnsw.elements, size: hnsw.size };
    };
    const first = graph();
    expect(first.elements).toBe(first.size);
    for (const name of addresses.slice(0, 4)) rmSync(join(seeds, name)); // most of the corpus
    add(seeds, addresses[6]!);
    await buildIndex({ ...options, embedder });
    const rebuilt = graph();
    expect(rebuilt.elements).toBe(rebuilt.size);
    expectGraphMatchesPassages(loadStore(options.indexDir));
    add(seeds, addresses[7]!);
    await buildIndex({ ...options, embedder });
    expect(updatedInPlace(loadStore(options.indexDir))).toBe(true);
    expect(graph().elements).toBe(graph().size); // only an addition: nothing deleted
    appendFileSync(join(seeds, SEED_FILE), '\n\nOne more sentence.\n');
    await buildIndex({ ...options, embedder });
    expect(graph().elements).toBeGreaterThan(graph().size);
    await buildIndex({ ...options, embedder, full: true });
    expect(graph().elements).toBe(graph().size);
    await expectSameAsFullBuild(seeds, options.indexDir);
  });
});
