// Whatever is in the seeds folder, the indexer indexes it or skips it with a one-line reason, never throws,
// and every passage it stores slices its exact text out of its file.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { findDocuments, type Skipped } from '../../index/documents.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { awkwardSeeds, type AwkwardInput } from '../helpers/awkward-inputs.ts';
import { checkIndex } from '../helpers/index-check.ts';
import { engineOptions, MODELS_DIR, PROJECT_ROOT, TEST_MODEL, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

/** Each input's outcome: 'indexed', or its skip reason; undefined if the indexer never mentioned it. */
export function outcomes(inputs: AwkwardInput[], documents: { source: string }[], skipped: Skipped[]) {
  const indexed = new Set(documents.map((d) => d.source));
  const reasons = new Map(skipped.map((s) => [s.source, s.reason]));
  return inputs.map((input) => ({ input, outcome: indexed.has(input.source) ? 'indexed' : reasons.get(input.source) }));
}

describe('awkward documents', () => {
  it('are each indexed or skipped with the expected one-line reason, and nothing else is reported', () => {
    const seeds = awkwardSeeds(2_000_000);
    const { documents, skipped } = findDocuments(seeds.dir);
    for (const { input, outcome } of outcomes(seeds.inputs, documents, skipped)) {
      if (input.expect === 'indexed') expect(outcome, input.source).toBe('indexed');
      else expect(outcome, input.source).toMatch(input.expect);
    }
    const known = new Set(seeds.inputs.map((i) => i.source));
    expect(documents.map((d) => d.source).filter((s) => !known.has(s))).toEqual([]);
    expect(skipped.map((s) => s.source).filter((s) => !known.has(s))).toEqual([]);
    for (const s of skipped) expect(s.reason).toMatch(/^[^\n]{5,120}$/);
  });

  it('build an index that never throws, slices every passage exactly and holds no NaN vector', async () => {
    const seeds = awkwardSeeds(2_000_000);
    const options = engineOptions(seeds.dir);
    const warnings: string[] = [];
    const summary = await buildIndex({ ...options, embedder, warn: (m) => warnings.push(m) });
    const skippedInputs = seeds.inputs.filter((i) => i.expect !== 'indexed');
    expect(summary.skipped.length).toBe(skippedInputs.length);
    expect(warnings.filter((w) => w.startsWith('skipped ')).length).toBe(skippedInputs.length);
    for (const w of warnings) expect(w).not.toContain('\n');

    const check = checkIndex(options.indexDir, [seeds.dir]);
    expect(Object.keys(check.store.manifest.files).sort()).toEqual(seeds.inputs.filter((i) => i.expect === 'indexed').map((i) => i.source).sort());
    const of = (source: string) => check.store.passages.filter((p) => p.source === source);
    // Text the model knows no word of is kept, found by keyword only: no vector, and certainly no NaN.
    const dim = check.store.manifest.model.dimension;
    for (const source of ['numbers.txt', 'symbols.txt', 'only-zero-width.txt']) {
      expect(of(source).length, source).toBeGreaterThan(0);
      for (const p of of(source)) expect(check.store.vectors.subarray(p.id * dim, (p.id + 1) * dim).every((x) => x === 0)).toBe(true);
    }
    expect(check.vectorless).toBeGreaterThanOrEqual(3);
    // Mentions are stored verbatim (the bot must not let them ping), and a fence's "# line" is text, not a heading.
    const markdown = of('markdown.md').map((p) => p.text).join('\n');
    for (const mention of ['@everyone', '@here', '<@123>', '<@&456>', '<#789>', '# not a heading inside a fence', '<script>']) {
      expect(markdown).toContain(mention);
    }
    expect(of('only-headings.md')).toEqual([]);
    expect(check.store.manifest.files['only-headings.md']).toMatchObject({ title: 'Title', passages: 0 });
    // A file whose name is not valid UTF-8 can't be reopened by its (decoded) name: skipped, saying so.
    const badName = tempSeeds({ 'ok.txt': 'Fine.' });
    writeFileSync(Buffer.from(join(badName, 'bad\xff name.txt'), 'latin1'), 'Unreachable by name.');
    expect(findDocuments(badName).skipped).toEqual([{ source: 'bad\ufffd name.txt', reason: 'the file name is not valid UTF-8; rename it' }]);
  });

  it('skips unreadable files and folders with a reason (checked as an unprivileged user when tests run as root)', () => {
    const dir = tempSeeds({ 'ok.txt': 'Readable.', 'locked.txt': 'Secret.', 'locked-dir/inside.txt': 'Hidden.' });
    chmodSync(join(dir, 'locked.txt'), 0o000);
    chmodSync(join(dir, 'locked-dir'), 0o000);
    let skipped: Skipped[];
    if (process.getuid?.() === 0) {
      // Root reads chmod 000 files regardless, so in-process they are indexed: the check runs as "nobody".
      expect(findDocuments(dir).documents.map((d) => d.source).sort()).toEqual(['locked-dir/inside.txt', 'locked.txt', 'ok.txt']);
      chmodSync(dir, 0o755);
      const script = `import { findDocuments } from ${JSON.stringify(join(PROJECT_ROOT, 'index/documents.ts'))};
        console.log(JSON.stringify(findDocuments(${JSON.stringify(dir)}).skipped));`;
      const r = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['--eval', script], {
        uid: 65534,
        gid: 65534,
        cwd: '/tmp',
        env: { PATH: process.env.PATH, HOME: '/tmp' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      skipped = JSON.parse(r.stdout) as Skipped[];
    } else {
      skipped = findDocuments(dir).skipped;
    }
    expect(skipped).toEqual([
      { source: 'locked-dir', reason: 'cannot be read (permission denied)' },
      { source: 'locked.txt', reason: 'cannot be read (permission denied)' },
    ]);
  });
});
