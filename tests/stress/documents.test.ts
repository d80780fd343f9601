// Stress: every awkward input at full size (a 50 MB single-line file among them), through the index CLI and
// in-process, and a folder churned by another process for 15 s. Prints its figures as tables.
import { spawn } from 'node:child_process';
import { chmodSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { chunkDocument } from '../../index/chunk.ts';
import { findDocuments } from '../../index/documents.ts';
import { UnreadableDocument } from '../../loaders/types.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { awkwardSeeds } from '../helpers/awkward-inputs.ts';
import { checkIndex, printTable } from '../helpers/index-check.ts';
import { TSX } from '../helpers/kill-harness.ts';
import { engineOptions, MODELS_DIR, PROJECT_ROOT, TEST_MODEL, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

let embedder: Embedder;
beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
});
afterAll(() => embedder.close());

const mb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(0)} KB` : `${bytes} B`);

describe('stress: awkward documents', () => {
  it('indexes or skips each, with a 50 MB single-line file and a 10 MB line without a space; the index slices exactly', async () => {
    const seeds = awkwardSeeds(50_000_000);
    writeFileSync(join(seeds.dir, 'no-space-10mb.txt'), 'abc.def,'.repeat(1_250_000));
    seeds.inputs.push({ source: 'no-space-10mb.txt', kind: '10 MB line with no space', expect: 'indexed' });

    // Per input: loading and chunking time (the part whose cost depends on the text's shape).
    const { documents } = findDocuments(seeds.dir);
    const chunkMs = new Map<string, number>();
    for (const doc of documents) {
      const started = performance.now();
      try {
        chunkDocument(doc.source, await doc.loader.load(doc.bytes, doc.fileTitle));
      } catch (error) {
        if (!(error instanceof UnreadableDocument)) throw error;
      }
      chunkMs.set(doc.source, performance.now() - started);
    }

    const options = engineOptions(seeds.dir);
    const started = performance.now();
    const summary = await buildIndex({ ...options, embedder });
    const buildSeconds = (performance.now() - started) / 1000;
    const checkStarted = performance.now();
    const check = checkIndex(options.indexDir, [seeds.dir]);
    const checkSeconds = (performance.now() - checkStarted) / 1000;

    const passages = new Map<string, number>();
    for (const p of check.store.passages) passages.set(p.source, (passages.get(p.source) ?? 0) + 1);
    const { skipped } = summary;
    const reasons = new Map(skipped.map((s) => [s.source, s.reason]));
    const rows = seeds.inputs.map((input) => {
      let size = '';
      try {
        size = mb(statSync(join(seeds.dir, input.source)).size);
      } catch {
        size = '-';
      }
      const indexed = input.source in check.store.manifest.files;
      const outcome = indexed ? `indexed: ${passages.get(input.source) ?? 0} passages` : `skipped: ${reasons.get(input.source)}`;
      const ok = input.expect === 'indexed' ? indexed : !indexed && input.expect.test(reasons.get(input.source) ?? '');
      return [input.kind, `\`${input.source}\``, size, outcome, chunkMs.has(input.source) ? chunkMs.get(input.source)!.toFixed(0) : '-', ok ? 'ok' : 'WRONG'];
    });
    printTable('Awkward inputs (stress sizes)', ['input', 'file', 'size', 'outcome', 'load + chunk ms', 'as expected'], rows);
    printTable(
      'Awkward inputs: the build',
      ['inputs', 'indexed', 'skipped', 'passages', 'keyword-only passages', 'build s', 'consistency check s', 'passages slicing their file exactly'],
      [[seeds.inputs.length, Object.keys(check.store.manifest.files).length, skipped.length, summary.passages, check.vectorless, buildSeconds.toFixed(1), checkSeconds.toFixed(1), `${check.passages}/${check.passages}`]],
    );
    if (seeds.root) console.log('Running as root: chmod 000 files and folders are readable, so they were indexed (tests/robustness/documents.test.ts checks them as "nobody").');
    expect(rows.filter((r) => r[5] !== 'ok')).toEqual([]);
    chmodSync(join(seeds.dir, 'locked-dir'), 0o755);
    for (const dir of [seeds.dir, options.indexDir]) rmSync(dir, { recursive: true, force: true }); // ~0.5 GB
  });

  it('the index CLI on the awkward folder: exit 0, one warning line per skipped file, no stack trace', async () => {
    const seeds = awkwardSeeds(2_000_000);
    const indexDir = join(tempDir(), 'index');
    const started = performance.now();
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(TSX, [join(PROJECT_ROOT, 'cli/index.ts'), '--seeds', seeds.dir, '--index', indexDir], {
        env: { ...process.env, MODELS_DIR, EMBEDDING_MODEL: TEST_MODEL },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const seconds = (performance.now() - started) / 1000;
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning: skipped '));
    const skippedInputs = seeds.inputs.filter((i) => i.expect !== 'indexed');
    expect(warnings).toHaveLength(skippedInputs.length);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    checkIndex(indexDir, [seeds.dir]);
    printTable('Index CLI on the awkward folder', ['exit', 'warning lines', 'skipped inputs', 'stack traces', 'seconds'], [[r.code ?? '-', warnings.length, skippedInputs.length, 0, seconds.toFixed(1)]]);
  });

  it('a folder churned by another process for 15 s: scans and builds never throw; consistent once it stops', async () => {
    const dir = tempSeeds({ 'stable.txt': 'A file nobody touches.' }, true);
    const churn = `
      const fs = require('node:fs'), path = require('node:path');
      const dir = ${JSON.stringify(dir)}, end = Date.now() + 15000;
      let ops = 0;
      for (let i = 0; Date.now() < end; i++) {
        const f = path.join(dir, 'busy', 'f' + (i % 60) + (i % 3 ? '.txt' : '.md'));
        try {
          fs.mkdirSync(path.dirname(f), { recursive: true });
          switch (i % 9) {
            case 0: fs.rmSync(f, { recursive: true, force: true }); break;
            case 1: fs.rmSync(f, { recursive: true, force: true }); fs.mkdirSync(f); fs.writeFileSync(path.join(f, 'in.md'), '# In\\n\\nInside.'); break;
            case 2: fs.renameSync(f, f + '.moved.txt'); break;
            case 3: fs.rmSync(path.join(dir, 'busy'), { recursive: true, force: true }); break;
            case 4: fs.appendFileSync(f, 'Appended while the indexer reads. '); break;
            case 5: fs.writeFileSync(f, Buffer.from([0xff, 0xfe, 0x41, 0])); break;
            default: fs.writeFileSync(f, ('Version ' + i + ' of a busy file. ').repeat(1 + (i % 200)));
          }
          ops++;
        } catch {}
      }
      process.stdout.write(String(ops));`;
    const child = spawn(process.execPath, ['-e', churn], { stdio: ['ignore', 'pipe', 'ignore'] });
    let ops = '';
    child.stdout.on('data', (d) => (ops += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const reasons = new Map<string, number>();
    let scans = 0;
    let builds = 0;
    let documents = 0;
    const options = engineOptions(dir);
    while (child.exitCode === null) {
      const found = findDocuments(dir);
      documents += found.documents.length;
      for (const s of found.skipped) {
        const reason = s.reason.replace(/^(\w+):.*/, '$1');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      scans++;
      if (scans % 4 === 0) {
        await buildIndex({ ...options, embedder });
        builds++;
      }
      await new Promise((r) => setImmediate(r));
    }
    await exited;
    await buildIndex({ ...options, embedder });
    const check = checkIndex(options.indexDir, [dir]);
    printTable(
      'Folder churned by another process (15 s)',
      ['file operations', 'scans', 'builds', 'documents read', 'skips by reason', 'throws', 'final index consistent'],
      [[ops, scans, builds, documents, [...reasons].map(([r, n]) => `${r}: ${n}`).join('; ') || '-', 0, `yes (${check.files} files, ${check.passages} passages)`]],
    );
    expect(builds).toBeGreaterThan(3);
  });
});
