// The keyword index built from passage tokens equals the straightforward definition, computed from the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../index/chunk.ts';
import { markdownLoader } from '../../loaders/markdown.ts';
import { textLoader } from '../../loaders/text.ts';
import { buildKeywordIndex } from '../../index/keyword-index.ts';
import { toBase64, type KeywordIndexData } from '../../store/keyword-format.ts';
import { FormTable, readTokens, tokenizePassage } from '../../index/keyword-tokens.ts';
import type { Passage } from '../../store/format.ts';
import { termWords } from '../../language/terms.ts';
import { decodeTokens, encodeTokens } from '../../store/tokens-file.ts';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-corpus.ts';

interface FieldLists {
  lists: Array<{ docs: number[]; tfs: number[] }>;
  lengths: number[];
}

/**
 * The definition: each passage's section path is one field and its units' display text the other (the body); terms
 * numbered by first occurrence (section first, then the units), each term's word the most frequent (first seen
 * among equals); each unit's terms in text order.
 */
function reference(passages: Passage[]): Omit<KeywordIndexData, 'termVectors'> {
  const ids = new Map<string, number>();
  const wordCounts: Array<Map<string, number>> = [];
  const body: FieldLists = { lists: [], lengths: [] };
  const section: FieldLists = { lists: [], lengths: [] };
  const offsets = [0];
  const unitIds: number[] = [];
  const see = (term: string, word: string) => {
    if (!ids.has(term)) ids.set(term, ids.size), wordCounts.push(new Map()), body.lists.push({ docs: [], tfs: [] }), section.lists.push({ docs: [], tfs: [] });
    const id = ids.get(term)!;
    wordCounts[id]!.set(word, (wordCounts[id]!.get(word) ?? 0) + 1);
    return id;
  };
  const post = (field: FieldLists, doc: number, ids: number[]) => {
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, tf] of counts) field.lists[id]!.docs.push(doc), field.lists[id]!.tfs.push(tf);
    field.lengths.push(ids.length);
  };
  passages.forEach((p, doc) => {
    post(section, doc, termWords(p.section.join(' \n ')).map((w) => see(w.term, w.word)));
    const words: number[] = [];
    for (const u of p.units) {
      const unit = termWords(p.display.slice(u.displayStart, u.displayEnd)).map((w) => see(w.term, w.word));
      unitIds.push(...unit);
      words.push(...unit);
      offsets.push(unitIds.length);
    }
    post(body, doc, words);
  });
  const vocabulary = [...ids.keys()];
  const lists = (field: FieldLists) => {
    const postings: Record<string, number[]> = Object.create(null);
    vocabulary.forEach((term, id) => {
      const { docs, tfs } = field.lists[id]!;
      if (docs.length > 0) postings[term] = [...docs, ...tfs];
    });
    return postings;
  };
  const words = wordCounts.map((counts) => [...counts].reduce((best, x) => (x[1] > best[1] ? x : best))[0]);
  return {
    lengths: body.lengths,
    sectionLengths: section.lengths,
    postings: lists(body),
    sectionPostings: lists(section),
    vocabulary,
    words,
    sentenceTerms: toBase64(Uint32Array.from([...offsets, ...unitIds])),
  };
}

const texts: Record<string, string> = {
  [SEED_FILE]: readFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), 'utf8'),
  'ties.txt': 'Running runs. Runs running! The runner ran; runs and running tie.\n\nConnect connected connecting. 1862 and 1862.',
  'guide.md': '# Voice guide\n\n## Muting\n\nMute yourself. Muted users are quiet.\n\n## Bots\n\n### Music bots\n\nBots play music in the lounge.\n\n| Bot | Channel |\n|---|---|\n| Muse | lounge |',
};

function passagesOf(sources: string[]): Passage[] {
  return sources
    .flatMap((source) => chunkDocument(source, (source.endsWith('.md') ? markdownLoader : textLoader).load(Buffer.from(texts[source]!), source)).passages)
    .map((p, id) => ({ id, ...p }));
}

describe('buildKeywordIndex', () => {
  it('equals the definition, and again from stored tokens after passages are dropped and reordered', () => {
    const passages = passagesOf(Object.keys(texts));
    const forms = new FormTable();
    const built = buildKeywordIndex(passages.map((p) => tokenizePassage(p, forms)), forms);
    expect(built.keyword).toEqual({ termVectors: '', ...reference(passages) });
    expect(Object.keys(built.keyword.sectionPostings)).toEqual(expect.arrayContaining(['mute', 'bot', 'music']));
    expect(built.keyword.words[built.keyword.vocabulary.indexOf('run')]).toBe('running'); // 3 "running", 3 "runs": the first seen wins

    const stored = decodeTokens(encodeTokens({ ...built.tokens, wordVectors: { words: ['a'], vectors: Float32Array.of(1, 0) } }));
    expect(stored.wordVectors.vectors).toEqual(Float32Array.of(1, 0));
    const { forms: storedForms, tokens } = readTokens(stored, passages);
    const order = passages.map((_, i) => i).filter((i) => i % 3 !== 1).reverse();
    const again = buildKeywordIndex(order.map((i) => tokens[i]!), storedForms);
    const reordered = order.map((i, id) => ({ ...passages[i]!, id }));
    expect(again.keyword).toEqual({ termVectors: '', ...reference(reordered) });
  });

  it('refuses stored tokens that do not fit the passages', () => {
    const passages = passagesOf(['ties.txt']);
    const forms = new FormTable();
    const { tokens } = buildKeywordIndex(passages.map((p) => tokenizePassage(p, forms)), forms);
    expect(() => readTokens(tokens, passages.slice(1))).toThrow(/do not match/);
    expect(() => readTokens({ ...tokens, terms: tokens.terms.slice(0, 1), words: tokens.words.slice(0, 1) }, passages)).toThrow(/no form/);
    const bytes = encodeTokens({ ...tokens, wordVectors: { words: [], vectors: new Float32Array() } });
    expect(() => decodeTokens(bytes.subarray(0, bytes.length - 4))).toThrow(/truncated/);
  });
});
