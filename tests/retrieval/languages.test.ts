// Words are found the same way in any script: a German, Russian or Japanese document is found by its own words,
// and an English question still gets the English chain (stems, stop words).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { terms } from '../../language/terms.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { engineOptions, tempSeeds } from '../helpers/temp-corpus.ts';

const documents = {
  'de/hausordnung.txt': 'Die Mülltonnen werden jeden Dienstag geleert.\n\nFahrräder gehören in den Keller, nicht in das Treppenhaus.',
  'ru/pravila.txt': 'Собрания клуба проходят в библиотеке по четвергам.\n\nВзносы оплачиваются до конца месяца.',
  'ja/kisoku.txt': '図書館は毎朝九時に開きます。\n\n会議室の予約は受付でお願いします。',
  'en/rules.txt': 'Members renew their badges every spring at the front desk.',
};

let engine: Engine;
beforeAll(async () => {
  engine = await openOrBuildEngine({ ...engineOptions(tempSeeds(documents)), log: () => {} });
});
afterAll(() => engine.close());

describe('documents in other languages', () => {
  it('splits Japanese into words rather than one token per sentence', () => {
    expect(terms('図書館は毎朝九時に開きます。')).toContain('図書館');
    expect(terms('図書館は毎朝九時に開きます。').length).toBeGreaterThan(3);
  });

  it.each([
    ['Wann werden die Mülltonnen geleert?', 'de/hausordnung.txt', 'Dienstag'],
    ['Где проходят собрания клуба?', 'ru/pravila.txt', 'библиотеке'],
    ['会議室の予約はどこでしますか', 'ja/kisoku.txt', '受付'],
    ['when do members renew badges', 'en/rules.txt', 'spring'],
  ])('answers %s from %s', async (question, source, word) => {
    const answer = await engine.answer(question);
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.source).toBe(source);
    expect(answer.citations[0]!.display).toContain(word);
  });

  it('keeps the English chain for English words only: a Russian word is kept whole, an English one is stemmed', () => {
    expect(terms('библиотеке')).toEqual(['библиотеке']);
    expect(terms('renewing badges')).toEqual(['renew', 'badg']);
  });
});
