import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicModelCache, cachePath } from '../../index/embedding/atomic-cache.ts';
import { tempDir } from '../helpers/temp-corpus.ts';

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
});
