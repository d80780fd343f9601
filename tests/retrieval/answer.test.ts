import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { formatAnswer } from '../../cli/format-answer.ts';
import { QuestionError } from '../../retrieval/question.ts';
import { buildIndex } from '../../index/build.ts';
import { writeSotuSeeds } from '../corpus/sotu.ts';
import { engineOptions, SEED_FILE, tempSeeds } from '../helpers/temp-corpus.ts';

const extra = {
  'guides/voice chat.md': '# Voice chat guide\r\n\r\n## Etiquette\r\n\r\nMute yourself when you are not talking.\r\nUse push to talk in crowded rooms.\r\n\r\n## Bots\r\n\r\nMusic bots may play only in the lounge channel.',
  'mixed-scripts.txt': 'Ceci est une phrase française sur le fromage. 这是关于茶的句子。 The tea ceremony lasts one hour. مرحبا بالعالم.',
};

let engine: Engine;
let seeds: string;
let indexDir: string;
beforeAll(async () => {
  seeds = tempSeeds(extra, true);
  const options = engineOptions(seeds);
  indexDir = options.indexDir;
  engine = await openOrBuildEngine({ ...options, log: () => {} });
});
afterAll(() => engine.close());

const read = (source: string) => readFileSync(join(seeds, source), 'utf8');

describe('answer()', () => {
  it('finds the outer-space sentence of the CSTO article, verbatim, with its document, paragraph and line', async () => {
    const answer = await engine.answer('what did CSTO say about outer space');
    expect(answer.answered).toBe(true);
    const top = answer.citations[0]!;
    expect(top.source).toBe(SEED_FILE);
    expect(top.quote).toContain('prevent an arms race in outer space');
    expect(top.quote.length).toBeLessThan(300);
    expect(top.location).toMatchObject({ paragraph: 5, lineStart: 5, lineEnd: 5 });
    expect(read(SEED_FILE).slice(top.location.charStart, top.location.charEnd)).toBe(top.quote);
    expect(answer.index).toMatchObject({ passages: expect.any(Number), model: 'citebot/glove-static-100d' });
    // No filler: every quote shown answers the question, not only the first.
    for (const c of answer.citations) expect(c.quote).toMatch(/outer space/i);
  });

  it('says the documents do not answer, with no citation, when they do not', async () => {
    const questions = [
      'how do I bake sourdough bread?',
      'what did the CSTO say about cryptocurrency',
      'what is the capital of France',
      // Names the documents never mention: the meeting is there, what was said about these is not.
      'what did the summit decide about Afghanistan',
      'what did Lukashenko say in his speech at the summit',
      // The meeting is there, but no length of time.
      'how long did the CSTO summit in Dushanbe last?',
    ];
    for (const question of questions) {
      const answer = await engine.answer(question);
      expect(answer, question).toMatchObject({ answered: false, citations: [] });
    }
  });

  it('names the words of a declined question that no document has', async () => {
    const answer = await engine.answer('What did the CSTO declaration say about the war in Ukraine?');
    expect(answer).toMatchObject({ answered: false, unmentioned: ['war', 'Ukraine'] });
    expect(formatAnswer(answer)).toBe("The documents don't answer that. No document mentions “war” or “Ukraine”.");
    // Not listed: contractions, words written joined that the documents hyphenate, folder and title words.
    expect((await engine.answer("what don't they say about zorblax nonproliferation")).unmentioned).toEqual(['zorblax']);
    expect((await engine.answer('what do the guides say about zorblax?')).unmentioned).toEqual(['zorblax']);
    // Nor the words that say what kind of answer is wanted ("how long", "which city").
    expect((await engine.answer('how long did the zorblax last, and in which city?')).unmentioned).toEqual(['zorblax']);
    // Letters that lowercase to two characters do not shift the words shown.
    expect((await engine.answer('İİİ zorblax qwfp?')).unmentioned).toEqual(['zorblax', 'qwfp']);
  });

  it('finds a quote through a synonym its words do not share ("one-sided" for "unilateral")', async () => {
    const answer = await engine.answer('Why are one-sided sanctions a problem for the UN Security Council?');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]!.quote).toContain('unilateral coercive restrictions');
  });

  it('answers "why" with the sentence that gives a reason', async () => {
    const answer = await engine.answer('why does the CSTO think the NPT matters');
    expect(answer.citations[0]!.quote).toContain('since it is an essential factor');
  });

  it('answers what an acronym stands for with where the document spells it out', async () => {
    for (const question of ['what does CSTO stand for?', 'csto full name']) {
      const answer = await engine.answer(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.citations[0]!.quote, question).toBe('Collective Security Treaty Organization (CSTO)');
    }
  });

  it('answers from markdown sections and cites CRLF files by the right lines', async () => {
    const answer = await engine.answer('which channel may music bots play in?');
    const top = answer.citations[0]!;
    expect(top).toMatchObject({ source: 'guides/voice chat.md', title: 'Voice chat guide', section: 'Bots' });
    expect(top.quote).toContain('Music bots may play only in the lounge channel.');
    expect(read(top.source).slice(top.location.charStart, top.location.charEnd)).toBe(top.quote);
    expect(top.location).toMatchObject({ lineStart: 10, lineEnd: 10, paragraph: 2 });
  });

  it('restricts to one document when asked, and caps citations per document otherwise', async () => {
    const filtered = await engine.answer('tea ceremony', { source: 'mixed-scripts.txt' });
    expect(filtered.citations.every((c) => c.source === 'mixed-scripts.txt')).toBe(true);
    expect(filtered.citations[0]?.quote).toContain('The tea ceremony lasts one hour.');
    const none = await engine.answer('tea ceremony', { source: SEED_FILE });
    expect(none.citations.every((c) => c.source === SEED_FILE)).toBe(true);
    const capped = await engine.answer('CSTO member states security cooperation', { limit: 10, perDocument: 2 });
    expect(capped.citations.filter((c) => c.source === SEED_FILE).length).toBeLessThanOrEqual(2);
  });

  it.each([
    ['', /Please type a question/],
    ['   \n ', /Please type a question/],
    ['x'.repeat(501), /at most 500 characters; yours has 501/],
    ['what about \u0007 bells', /control characters/],
  ])('rejects the question %j with a clear message', async (question, message) => {
    await expect(engine.answer(question)).rejects.toThrow(QuestionError);
    await expect(engine.answer(question)).rejects.toThrow(message);
  });

  it('lists documents and gives a paragraph as context', () => {
    const docs = engine.documents();
    expect(docs.map((d) => d.source).sort()).toEqual(['CSTO-Dushanbe-declaration.txt', 'guides/voice chat.md', 'mixed-scripts.txt']);
    expect(docs.every((d) => d.passages > 0)).toBe(true);
  });
});

describe('quotes are verbatim slices of their files', () => {
  it('holds for any question over many documents (property)', async () => {
    const many = tempSeeds(extra, true);
    writeSotuSeeds(many);
    const options = engineOptions(many);
    const subset = tempSeeds(extra, true);
    // 40 addresses keep the build quick; the property is about offsets, not scale.
    const { readdirSync, copyFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(subset, 'sotu'));
    for (const f of readdirSync(join(many, 'sotu')).filter((_, i) => i % 6 === 0)) copyFileSync(join(many, 'sotu', f), join(subset, 'sotu', f));
    await buildIndex({ ...options, seedsDir: subset });
    const big = await openOrBuildEngine({ ...options, seedsDir: subset, log: () => {} });
    const words = readFileSync(join(subset, SEED_FILE), 'utf8').split(/\s+/).concat('Congress', 'war', 'tariff', 'Indians', 'tea', 'Mute', 'bots');
    const file = (source: string) => readFileSync(join(subset, source), 'utf8');
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }), async (picked) => {
          const answer = await big.answer(picked.join(' ').slice(0, 500) || 'war', { limit: 5 });
          for (const c of answer.citations) {
            const text = file(c.source);
            expect(text.slice(c.location.charStart, c.location.charEnd)).toBe(c.quote);
            expect(c.location.lineStart).toBe(text.slice(0, c.location.charStart).split('\n').length);
            expect(c.location.lineEnd).toBe(text.slice(0, c.location.charEnd).split('\n').length);
            expect(c.quote.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 150, seed: 7 },
      );
    } finally {
      await big.close();
    }
  });
});

describe('the engine and the index on disk', () => {
  it('picks up a new index version without a restart', async () => {
    const s = tempSeeds({ 'one.txt': 'The orchard grows apples.' });
    const options = engineOptions(s);
    const e = await openOrBuildEngine({ ...options, log: () => {} });
    try {
      expect((await e.answer('what about the lighthouse keeper?')).answered).toBe(false);
      writeFileSync(join(s, 'two.txt'), 'The lighthouse keeper lights the lamp every night.');
      await buildIndex(options);
      expect(await e.reloadIfChanged()).toBe(true);
      expect(await e.reloadIfChanged()).toBe(false);
      const answer = await e.answer('what does the lighthouse keeper do?');
      expect(answer.citations[0]?.quote).toBe('The lighthouse keeper lights the lamp every night.');
    } finally {
      await e.close();
    }
  });

  it('refuses to query with a different model than the index was built with', async () => {
    await expect(openOrBuildEngine({ ...engineOptions(seeds), indexDir, model: 'Xenova/all-MiniLM-L6-v2', log: () => {} })).rejects.toThrow(
      /built with the model citebot\/glove-static-100d but EMBEDDING_MODEL is Xenova\/all-MiniLM-L6-v2; reindex with `npm run index -- --full`/,
    );
  });
});
