import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicModelCache, cachePath } from '../../embedding/atomic-cache.ts';
import { tsxLoader } from '../../bot/reindex-command.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/temp-corpus.ts';

const HOST = 'http://127.0.0.1:9/';

describe('the model download cache', () => {
  it('keeps a download where the next load looks for local models', () => {
    expect(cachePath('/m', HOST, `${HOST}Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx`)).toBe(
      '/m/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx',
    );
    expect(cachePath('/m', HOST, 'http://elsewhere/Xenova/x/resolve/main/config.json')).toBeUndefined();
    expect(cachePath('/m', HOST, `${HOST}Xenova/x/resolve/main/../../etc/passwd`)).toBeUndefined();
  });

  it('writes a whole file under its name and nothing else, or nothing when the download breaks', async () => {
    const dir = tempDir('citebot-models-');
    const cache = atomicModelCache(dir, HOST);
    await cache.put(`${HOST}org/model/resolve/main/onnx/model.onnx`, new Response('weights'));
    expect(readFileSync(join(dir, 'org/model/onnx/model.onnx'), 'utf8')).toBe('weights');
    expect(readdirSync(join(dir, 'org/model/onnx'))).toEqual(['model.onnx']);

    const broken = new Response(new ReadableStream({ pull: (controller) => controller.error(new Error('connection reset')) }));
    await expect(cache.put(`${HOST}org/model/resolve/main/tokenizer.json`, broken)).rejects.toThrow('connection reset');
    expect(existsSync(join(dir, 'org/model/tokenizer.json'))).toBe(false);
    expect(await cache.match()).toBeUndefined();
  });

  it('never leaves a cut-short file under the model\'s name when the writer is killed mid-write', async () => {
    const megabytes = 256;
    const dir = tempDir('citebot-models-');
    const folder = join(dir, 'org/model/onnx');
    // Node itself, not the tsx launcher, so that SIGKILL stops the writer and not only its parent.
    const child = spawn(process.execPath, ['--import', tsxLoader(), join(PROJECT_ROOT, 'tests/helpers/cache-writer.ts'), dir, String(megabytes)], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it as soon as any bytes of the file are on disk, under whatever name.
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      const sizes = existsSync(folder) ? readdirSync(folder).map((f) => statSync(join(folder, f)).size) : [];
      if (sizes.some((size) => size > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited;
    const model = join(folder, 'model.onnx');
    if (existsSync(model)) expect(statSync(model).size).toBe(megabytes * 1024 * 1024);

    // The next download replaces the leftover temporary file, but not one a live process is writing.
    const live = `model.onnx.${process.ppid}.tmp`;
    writeFileSync(join(folder, live), 'being written');
    await atomicModelCache(dir, HOST).put(`${HOST}org/model/resolve/main/onnx/model.onnx`, new Response('weights'));
    expect(readdirSync(folder).sort()).toEqual(['model.onnx', live]);
  }, 90_000);
});
