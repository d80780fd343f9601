// The CLIs as scripts use them: exit codes, one-line errors, --json and --stdin.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR, PROJECT_ROOT, TEST_MODEL, tempDir, tempSeeds } from './helpers/temp-corpus.ts';

const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
let seeds: string;
let indexDir: string;
const env = () => ({ ...process.env, MODELS_DIR, EMBEDDING_MODEL: TEST_MODEL, SEEDS_DIR: seeds, INDEX_DIR: indexDir });

function run(script: string, args: string[], input?: string) {
  const r = spawnSync(TSX, [join(PROJECT_ROOT, script), ...args], { env: env(), input, encoding: 'utf8', cwd: tempDir() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  seeds = tempSeeds({ 'notes/garden.md': '# Garden\n\nTomatoes need sun every day.' }, true);
  indexDir = join(tempDir(), 'index');
});

describe('npm run ask', () => {
  it('builds the missing index on first use, then prints each quote with its document and lines', () => {
    const r = run('cli/ask.ts', ['what did CSTO say about outer space']);
    expect(r.stderr).toContain('no index yet: building it from');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prevent an arms race in outer space');
    expect(r.stdout).toMatch(/CSTO Dushanbe declaration \(CSTO-Dushanbe-declaration\.txt\), paragraph 5, line 5/);
  });

  it('prints the answer() object plus the question with --json', () => {
    const r = run('cli/ask.ts', ['--json', 'what do tomatoes need?']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ question: 'what do tomatoes need?', answered: true });
    expect(out.citations[0]).toMatchObject({
      source: 'notes/garden.md',
      title: 'Garden',
      quote: 'Tomatoes need sun every day.',
      location: { lineStart: 3, lineEnd: 3, paragraph: 1, charStart: 10, charEnd: 38 },
      score: expect.any(Number),
    });
  });

  it('answers one JSON line per question with --stdin --json, reporting bad questions in line', () => {
    const r = run('cli/ask.ts', ['--stdin', '--json'], 'what do tomatoes need?\n\nhow do I bake bread?\n' + 'x'.repeat(600) + '\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ question: 'what do tomatoes need?', answered: true });
    expect(lines[1]).toMatchObject({ question: 'how do I bake bread?', answered: false, citations: [] });
    expect(lines[2].error).toMatch(/at most 500 characters/);
    expect(r.code).toBe(1);
  });

  it.each([
    [[], /^error: ask needs a question/],
    [['   '], /^error: ask needs a question/],
    [['--bogus', 'q'], /^error: Unknown option '--bogus'/],
    [['--index', '/nonexistent/x/y', '--seeds', '/nonexistent/seeds', 'q'], /^error: no such file or folder: \/nonexistent\/seeds/],
  ])('fails with one clear line for %j', (args, message) => {
    const r = run('cli/ask.ts', args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the fix when the index is damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'CURRENT'), 'v123-1\n');
    const r = run('cli/ask.ts', ['--index', dir, 'anything']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/manifest.json is missing.*npm run index -- --full/);
  });
});

describe('npm run index', () => {
  it('prints a one-line summary, then each skipped file with its reason', () => {
    const s = tempSeeds({ 'a.txt': 'Alpha.', 'b.xyz': 'Not a format.', 'c.txt': new Uint8Array([0x41, 0xff, 0x42]) });
    const r = run('cli/index.ts', ['--seeds', s, '--index', join(tempDir(), 'i'), '--progress', 'plain']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: skipped c.txt: not valid UTF-8; save it as UTF-8');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^indexed: 1 added, 0 changed, 0 removed, 0 unchanged, 2 skipped; 1 passages in [\d.]+ s \(\d+ passages\/s embedded\)$/);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^ {2}skipped b\.xyz: not a document citebot reads \(\.txt, \.md/),
      '  skipped c.txt: not valid UTF-8; save it as UTF-8',
    ]);
    // Progress in words, not a bar per stage.
    expect(r.stderr).toContain('reading 2 of 2 documents\n');
    expect(r.stderr).toContain('embedding 1 of 1 passage\n');
  });

  it('prints progress in words and the skipped files in its JSON lines (what /reindex reads)', () => {
    const s = tempSeeds({ 'a.txt': 'Alpha.', 'b.xyz': 'Not a format.' });
    const r = run('cli/index.ts', ['--seeds', s, '--index', join(tempDir(), 'i'), '--progress', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual({ type: 'progress', stage: 'reading', done: 1, total: 1, text: 'reading 1 of 1 document' });
    expect(lines).toContainEqual({ type: 'progress', stage: 'writing', done: 0, total: 1, text: 'writing the index' });
    expect(lines.at(-1)).toMatchObject({ type: 'summary', added: 1, skipped: [{ source: 'b.xyz', reason: expect.stringContaining('not a document citebot reads') }] });
  });

  it('refuses a missing seeds folder with one line', () => {
    const r = run('cli/index.ts', ['--seeds', '/nonexistent/seeds']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: no such file or folder: /nonexistent/seeds');
  });
});

describe('npm run eval', () => {
  it('prints the figures for a question file', () => {
    const file = join(tempDir(), 'q.jsonl');
    const cases = [
      { question: 'what do tomatoes need?', expect: { source: 'notes/garden.md', quote: 'Tomatoes need sun every day.' } },
      { question: 'how do I bake bread?', expect: null },
    ];
    writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    const r = run('cli/eval.ts', [file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/questions\s+2 \(1 answerable, 1 not\)/);
    expect(r.stdout).toMatch(/hit@1\s+100\.0%/);
    expect(r.stdout).toMatch(/abstention accuracy\s+100\.0%/);
    expect(r.stdout).toMatch(/mean quote length\s+\d+ chars/);
  });
});
