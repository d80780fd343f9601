// A question that names its document ("What did Lincoln say about...", "Washington's 1794 address") is answered
// from that document: its title and path are a field of the ranking (BM25F), so the words that name it count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { terms } from '../../language/terms.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { documentNameTerms } from '../../retrieval/loaded-index.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { engineOptions, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const MCKINLEY = 'sotu/1898-William-Mc-Kinley.txt';
const TRUMP = 'sotu/2020-Donald-J-Trump.txt';
const LINCOLN = 'sotu/1862-Abraham-Lincoln.txt';
const WASHINGTON = [1790, 1791, 1792, 1793, 1794, 1795].map((year) => `sotu/${year}-George-Washington.txt`);

let engine: Engine;
let text: (source: string) => string;
beforeAll(async () => {
  const all = tempDir('citebot-sotu-');
  writeSotuSeeds(all);
  text = (source) => readFileSync(join(all, source), 'utf8');
  const seeds = tempSeeds(Object.fromEntries([MCKINLEY, TRUMP, LINCOLN, ...WASHINGTON].map((f) => [f, text(f)])), true);
  engine = await openOrBuildEngine({ ...engineOptions(seeds), log: () => {} });
});
afterAll(() => engine.close());

describe('questions that name their document', () => {
  it('are answered from the document their title words name, though others have the words too', async () => {
    // The words asked about are in several documents (McKinley's has the navy ten times as often as Lincoln's);
    // only the name tells which is meant.
    const mentions = (source: string, word: string) => text(source).match(new RegExp(`\\b${word}\\b`, 'gi'))?.length ?? 0;
    for (const source of [MCKINLEY, TRUMP, LINCOLN]) expect(mentions(source, 'military'), source).toBeGreaterThan(0);
    expect(mentions(MCKINLEY, 'navy')).toBeGreaterThan(5 * mentions(LINCOLN, 'navy'));
    expect(WASHINGTON.filter((source) => mentions(source, 'militia') > 0).length).toBeGreaterThanOrEqual(4);
    const cases: Array<[string, string]> = [
      ['What did McKinley say about the military?', MCKINLEY],
      ['What did Trump say about the military?', TRUMP],
      ['What did Lincoln say about the military?', LINCOLN],
      ['What did Lincoln say about the navy?', LINCOLN],
      ["What did Washington's 1794 address say about the militia?", WASHINGTON[4]!],
      ['What did Washington say about the militia in 1795?', WASHINGTON[5]!],
    ];
    for (const [question, source] of cases) {
      const answer = await engine.answer(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.citations[0]?.source, question).toBe(source);
    }
  });

  it('are named by title words written apart in the file name ("Mc-Kinley")', () => {
    expect(documentNameTerms('1898 William Mc Kinley', MCKINLEY)).toContain(terms('McKinley')[0]);
    expect(documentNameTerms('Voice chat guide', 'guides/voice-chat.md')).toEqual(expect.arrayContaining([...terms('voice chat guide guides'), terms('voicechat')[0]]));
  });
});
