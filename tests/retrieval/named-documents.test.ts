import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { terms } from '../../language/terms.ts';
import { describingWords, TitleIndex, titleTerms } from '../../retrieval/title-match.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { engineOptions, tempDir, tempSeeds } from '../helpers/temp-corpus.ts';

const MCKINLEY = 'sotu/1898-William-Mc-Kinley.txt';
const TRUMP = 'sotu/2020-Donald-J-Trump.txt';

let engine: Engine;
beforeAll(async () => {
  const all = tempDir('citebot-sotu-');
  writeSotuSeeds(all);
  const seeds = tempSeeds(Object.fromEntries([MCKINLEY, TRUMP].map((f) => [f, readFileSync(join(all, f), 'utf8')])), true);
  engine = await openOrBuildEngine({ ...engineOptions(seeds), log: () => {} });
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

describe('words after a year that names a document', () => {
  it('describe the document when they name a kind of document, and are what is asked about otherwise', () => {
    const inTitle = (token: string) => ['1962', '2006', '2010'].includes(token);
    expect([...describingWords('In his 1962 State of the Union, what did Kennedy say about space?', inTitle)]).toEqual(['state', 'union']);
    expect([...describingWords('Bush 2006 addicted to oil', inTitle)]).toEqual([]);
    expect([...describingWords('what did Obama say in his 2010 health care remarks?', inTitle)]).toEqual([]);
    expect([...describingWords('Obama 2010 remarks on health care', inTitle)]).toEqual(['remark']);
  });
});

describe('which documents a question confines itself to', () => {
  const years = [1790, 1791, 1792, 1793, 1794, 1795, 1796];
  const titles = new TitleIndex([
    ...years.map((y) => ({ source: `sotu/${y}-George-Washington.txt`, title: `${y} George Washington` })),
    { source: 'sotu/1862-Abraham-Lincoln.txt', title: '1862 Abraham Lincoln' },
  ]);
  const match = (question: string) => titles.match(terms(question));

  it('is the one document two title words pick out', () => {
    const named = match("What did Washington's 1794 address say about the insurrection?");
    expect(named.scoped).toBe(true);
    expect([...named.scores.keys()]).toEqual(['sotu/1794-George-Washington.txt']);
  });

  it('is none when the words name more documents than it keeps', () => {
    expect(match('What did George Washington say about the insurrection in Pennsylvania?').scoped).toBe(false);
    expect(match('What did Lincoln say about George Washington?').scoped).toBe(false);
  });
});
