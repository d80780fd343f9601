import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../retrieval/engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { terms } from '../../index/text/terms.ts';
import { titleTerms } from '../../retrieval/title-match.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { engineOptions, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const MCKINLEY = 'sotu/1898-William-Mc-Kinley.txt';
const TRUMP = 'sotu/2020-Donald-J-Trump.txt';

let engine: Engine;
beforeAll(async () => {
  const all = tempDir('citebot-sotu-');
  writeSotuSeeds(all);
  const seeds = tempSeeds({ [MCKINLEY]: readFileSync(join(all, MCKINLEY), 'utf8'), [TRUMP]: readFileSync(join(all, TRUMP), 'utf8') }, true);
  engine = await openEngine({ ...engineOptions(seeds), log: () => {} });
});
afterAll(() => engine.close());

describe('questions that name their document', () => {
  it('are answered only from that document, even when another one has the words', async () => {
    const wrongAddress = await engine.answer('McKinley 1898: what did he say about the Wright brothers and airplanes?');
    expect(wrongAddress).toMatchObject({ answered: false, citations: [] });
    const rightAddress = await engine.answer('What did Trump say about the Wright Brothers in 2020?');
    expect(rightAddress.answered).toBe(true);
    expect(rightAddress.citations[0]).toMatchObject({ source: TRUMP, quote: expect.stringContaining('Wright Brothers') });
  });

  it('are named by title words written apart in the file name ("Mc-Kinley")', () => {
    expect(titleTerms('1898 William Mc Kinley', MCKINLEY)).toContain(terms('McKinley')[0]);
  });
});
