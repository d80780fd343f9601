// What the bot shows before /documents add: the file as the indexer would take it, with nothing written.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../index/build.ts';
import { previewDocument } from '../../index/preview.ts';
import { loadEmbedder, type Embedder } from '../../embedding/embedder.ts';
import { engineOptions, MODELS_DIR, PROJECT_ROOT, TEST_MODEL, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const RULES = '# House rules\n\n## Chat\n\nBe polite in chat. Spam is removed.\n\n## Voice\n\nMute yourself when idle.\n';
let embedder: Embedder;
let indexDir: string;

beforeAll(async () => {
  embedder = await loadEmbedder({ model: TEST_MODEL, cacheDir: MODELS_DIR });
  const options = engineOptions(tempSeeds({ 'rules.md': RULES }));
  indexDir = options.indexDir;
  await buildIndex({ ...options, embedder });
});
afterAll(() => embedder.close());

describe('previewDocument', () => {
  it('gives the format, title, passage count and the first passage with its place, and names indexed copies', async () => {
    const preview = await previewDocument('copy.md', Buffer.from(RULES), indexDir);
    expect(preview).toMatchObject({
      ok: true,
      name: 'copy.md',
      format: 'md',
      title: 'House rules',
      passages: 2,
      bytes: RULES.length,
      sameContent: ['rules.md'],
      first: { display: 'Be polite in chat. Spam is removed.', kind: 'prose', section: ['Chat'], location: { lineStart: 5, lineEnd: 5, paragraph: 1 } },
    });
    const other = await previewDocument('other.txt', Buffer.from('Something else entirely.'), indexDir);
    expect(other).toMatchObject({ ok: true, format: 'txt', title: 'other', passages: 1, sameContent: [] });
  });

  it('says why a file cannot be added: no loader for it, unreadable, or no text', async () => {
    expect(await previewDocument('data.xyz', Buffer.from('text'), indexDir)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a document citebot reads \(\.txt, \.md/u) });
    expect(await previewDocument('bad.txt', Buffer.from([0x41, 0xff]), indexDir)).toMatchObject({ ok: false, format: 'txt', reason: 'not valid UTF-8; save it as UTF-8' });
    expect(await previewDocument('empty.md', Buffer.from(''), indexDir)).toMatchObject({ ok: false, reason: 'empty file' });
  });

  it('works without an index (nothing is the same then)', async () => {
    expect(await previewDocument('a.txt', Buffer.from('Alpha.'), join(tempDir(), 'none'))).toMatchObject({ ok: true, sameContent: [] });
  });
});

describe('cli/preview.ts', () => {
  const run = (args: string[]) =>
    spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), [join(PROJECT_ROOT, 'cli/preview.ts'), ...args], { encoding: 'utf8', cwd: tempDir() });

  it('prints one JSON line and writes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'upload.bin');
    writeFileSync(file, RULES);
    const r = run([file, '--name', 'rules-copy.md', '--index', indexDir]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'preview', ok: true, name: 'rules-copy.md', title: 'House rules', sameContent: ['rules.md'] });
    expect(readdirSync(dir)).toEqual(['upload.bin']);
  });

  it('refuses bad usage in one line with exit code 1', async () => {
    expect(run([])).toMatchObject({ status: 1, stderr: 'error: preview needs exactly one file\n' });
    expect(run(['/nonexistent/file.md'])).toMatchObject({ status: 1, stderr: 'error: no such file or folder: /nonexistent/file.md\n' });
  });
});
