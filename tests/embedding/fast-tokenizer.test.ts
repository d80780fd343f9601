import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speedUpTokenizer } from '../../embedding/fast-tokenizer.mjs';
import { loadPipeline } from '../../embedding/load-pipeline.ts';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { sharedModelsDir } from './fixtures/shared-models.ts';
import { tinyBertFiles } from './fixtures/tiny-bert.ts';

interface Tokenizer {
  encode(text: string): number[];
  normalizer: (text: string) => string;
}

const PIECES = [
  'the', 'The', 'cat', 'catz', 'Kitten', 'sat', ' ', '  ', '\t', '\n', '\r', '\v', '\f', '\0', '\u0085', '\u00a0',
  '\u2028', '\u200b', '\u200d', '\ufeff', '\ufffd', '\ue000', '\u{f0000}', '\u{e0001}', '\ud800', '\udc00', '\u{1f600}',
  'é', 'e\u0301', 'Ångström', 'naïve', 'ß', 'İ', '中', '国', '\u3400', '\uf900', '\u{20000}', 'ｆｕｌｌ', '.', ',', '!', "'s", '-',
  '"', '$', '1990', '3.14', '[CLS]', '[SEP]', '[UNK]', '[PAD]', 'a'.repeat(101), 'ab'.repeat(60), 'x'.repeat(99) + 'é',
];
const texts = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

describe('tokenizer fast path', () => {
  const pairs: Array<{ name: string; fast: Tokenizer; plain: Tokenizer }> = [];
  const pipes: FeatureExtractionPipeline[] = [];
  let tinyDir: string;
  beforeAll(async () => {
    tinyDir = mkdtempSync(join(tmpdir(), 'citebot-tiny-'));
    for (const [file, data] of Object.entries(tinyBertFiles())) {
      const path = join(tinyDir, 'test-org', 'tiny-model', file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
    const sources = [
      { name: 'offline model (whole words)', model: OFFLINE_MODEL, dir: await sharedModelsDir() },
      { name: 'tiny BERT (## subwords)', model: 'test-org/tiny-model', dir: tinyDir },
    ];
    for (const { name, model, dir } of sources) {
      const [fast, plain] = [await loadPipeline({ model, dir, remote: false }), await loadPipeline({ model, dir, remote: false })];
      pipes.push(fast, plain);
      speedUpTokenizer(fast.tokenizer);
      pairs.push({ name, fast: fast.tokenizer as unknown as Tokenizer, plain: plain.tokenizer as unknown as Tokenizer });
    }
  });
  afterAll(async () => {
    await Promise.all(pipes.map((p) => p.dispose()));
    rmSync(tinyDir, { recursive: true, force: true });
  });

  it('normalises and encodes exactly like the unpatched tokenizer', () => {
    for (const { name, fast, plain } of pairs) {
      fc.assert(
        fc.property(texts, (text) => {
          expect(fast.normalizer(text), name).toBe(plain.normalizer(text));
          expect(fast.encode(text), name).toEqual(plain.encode(text));
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('is a no-op the second time', () => {
    const { fast } = pairs[0]!;
    const before = fast.encode('The cat sat.');
    speedUpTokenizer(fast);
    expect(fast.encode('The cat sat.')).toEqual(before);
  });
});
