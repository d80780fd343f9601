import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadEmbedder, OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { startModelServer } from './fixtures/model-server.ts';
import { norm, sharedModelsDir } from './fixtures/shared-models.ts';
import { tinyBertFiles } from './fixtures/tiny-bert.ts';

const TINY = 'test-org/tiny-model';
const tempDirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-embed-cache-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A URL on 127.0.0.1 where nothing listens. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

describe('model download and cache', () => {
  it('downloads a model once, caches it, and loads it from the cache when the host is gone', async () => {
    const cacheDir = tempDir();
    const server = await startModelServer({ [TINY]: tinyBertFiles() });
    const texts = ['The cat sat on the mat.', 'stock prices fell today'];
    let first: (Float32Array | null)[];
    try {
      const embedder = await loadEmbedder({ model: TINY, remoteHost: server.url, cacheDir, fallback: false });
      expect(embedder.id).toBe(TINY);
      expect(embedder.dimension).toBe(32);
      first = await embedder.embed(texts);
      expect(norm(first[0]!)).toBeCloseTo(1, 5);
      await embedder.close();
      expect(server.requests).toContain(`/${TINY}/resolve/main/onnx/model_quantized.onnx`);
    } finally {
      await server.close();
    }
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
      expect(existsSync(join(cacheDir, TINY, file)), file).toBe(true);
    }

    const again = await loadEmbedder({ model: TINY, remoteHost: server.url, cacheDir, fallback: false });
    expect(await again.embed(texts)).toEqual(first);
    await again.close();
  });

  it('a model the host does not have is a clear error, not a fallback', async () => {
    const server = await startModelServer({});
    const warnings: string[] = [];
    try {
      const loading = loadEmbedder({ model: TINY, remoteHost: server.url, cacheDir: tempDir(), warn: (m) => warnings.push(m) });
      await expect(loading).rejects.toThrow(/^Could not load embedding model "test-org\/tiny-model" from http:\/\/127\.0\.0\.1:\d+\/ .*[^\n]$/);
    } finally {
      await server.close();
    }
    expect(warnings).toEqual([]);
  });

  it('gives up on a host that does not answer', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer(() => undefined).on('connection', (s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = performance.now();
      const loading = loadEmbedder({ model: TINY, remoteHost: `http://127.0.0.1:${port}/`, cacheDir: tempDir(), timeoutMs: 300 });
      await expect(loading).rejects.toThrow(/no answer from .* within 0\.3 s/);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('fallback to the offline model', () => {
  let modelsDir: string;
  beforeAll(async () => {
    modelsDir = await sharedModelsDir();
  });

  it('uses the offline model, with one warning, when the default model cannot be had', async () => {
    const server = await startModelServer({});
    const warnings: string[] = [];
    try {
      const embedder = await loadEmbedder({ remoteHost: server.url, cacheDir: modelsDir, warn: (m) => warnings.push(m) });
      expect(embedder.id).toBe(OFFLINE_MODEL);
      expect(embedder.dimension).toBe(100);
      const [vector] = await embedder.embed(['the economy grew']);
      expect(norm(vector!)).toBeCloseTo(1, 5);
      await embedder.close();
    } finally {
      await server.close();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('\n');
    expect(warnings[0]).toContain(DEFAULT_MODEL);
    expect(warnings[0]).toContain(OFFLINE_MODEL);
    expect(warnings[0]).toContain(modelsDir);
  });

  it('also falls back when nothing listens at the host', async () => {
    const warnings: string[] = [];
    const embedder = await loadEmbedder({ model: DEFAULT_MODEL, remoteHost: await closedPortUrl(), cacheDir: modelsDir, warn: (m) => warnings.push(m) });
    expect(embedder.id).toBe(OFFLINE_MODEL);
    expect(warnings).toHaveLength(1);
    await embedder.close();
  });

  it('with fallback off, a missing default model is a clear error', async () => {
    const warnings: string[] = [];
    const loading = loadEmbedder({ remoteHost: await closedPortUrl(), cacheDir: modelsDir, fallback: false, warn: (m) => warnings.push(m) });
    await expect(loading).rejects.toThrow(/^Could not load embedding model "Xenova\/all-MiniLM-L6-v2" from http:\/\/127\.0\.0\.1:\d+\/ /);
    expect(warnings).toEqual([]);
  });
});
