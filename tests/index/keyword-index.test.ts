// The keyword index built from passage tokens equals the straightforward definition, computed from the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../index/chunk.ts';
import { buildKeywordIndex } from '../../index/keyword-index.ts';
import { toBase64, type KeywordIndexData } from '../../store/keyword-format.ts';
import { FormTable, readTokens, tokenizePassage } from '../../index/keyword-tokens.ts';
import type { Passage } from '../../store/format.ts';
import { termWords } from '../../language/terms.ts';
import { decodeTokens, encodeTokens } from '../../store/tokens-file.ts';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-corpus.ts';

/** The definition: terms numbered by first occurrence, each term's word the most frequent (first seen among equals). */
function reference(passages: Passage[]): Omit<KeywordIndexData, 'k1' | 'b' | 'termVectors'> {
  const ids = new Map<string, number>();
  const wordCounts: Array<Map<string, number>> = [];
  const postings: Record<string, number[]> = Object.create(null);
  const lists: Array<{ docs: number[]; tfs: number[] }> = [];
  const lengths: number[] = [];
  const offsets = [0];
  const sentenceIds: number[] = [];
  passages.forEach((p, doc) => {
    const counts = new Map<number, number>();
    const see = (term: string, word: string) => {
      if (!ids.has(term)) ids.set(term, ids.size), wordCounts.push(new Map()), lists.push({ docs: [], tfs: [] });
      const id = ids.get(term)!;
      wordCounts[id]!.set(word, (wordCounts[id]!.get(word) ?? 0) + 1);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      return id;
    };
    for (const w of termWords(`${p.title} ${p.section ?? ''}`)) see(w.term, w.word);
    for (const [s, e] of p.sentences) {
      for (const w of termWords(p.text.slice(s - p.charStart, e - p.charStart))) sentenceIds.push(see(w.term, w.word));
      offsets.push(sentenceIds.length);
    }
    let length = 0;
    for (const [id, tf] of counts) (length += tf), lists[id]!.docs.push(doc), lists[id]!.tfs.push(tf);
    lengths.push(length);
  });
  const vocabulary = [...ids.keys()];
  vocabulary.forEach((term, id) => (postings[term] = [...lists[id]!.docs, ...lists[id]!.tfs]));
  const words = wordCounts.map((counts) => [...counts].reduce((best, x) => (x[1] > best[1] ? x : best))[0]);
  return { lengths, postings, vocabulary, words, sentenceTerms: toBase64(Uint32Array.from([...offsets, ...sentenceIds])) };
}

const texts: Record<string, string> = {
  [SEED_FILE]: readFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), 'utf8'),
  'ties.txt': 'Running runs. Runs running! The runner ran; runs and running tie.\n\nConnect connected connecting. 1862 and 1862.',
  'guide.md': '# Voice guide\n\n## Muting\n\nMute yourself. Muted users are quiet.\n\n## Bots\n\nBots play music in the lounge.',
};

function passagesOf(sources: string[]): Passage[] {
  return sources
    .flatMap((source) => chunkDocument({ source, text: texts[source]!, markdown: source.endsWith('.md'), fallbackTitle: source }).passages)
    .map((p, id) => ({ id, ...p }));
}

describe('buildKeywordIndex', () => {
  it('equals the definition, and again from stored tokens after passages are dropped and reordered', () => {
    const passages = passagesOf(Object.keys(texts));
    const forms = new FormTable();
    const built = buildKeywordIndex(passages.map((p) => tokenizePassage(p, forms)), forms);
    expect(built.keyword).toEqual({ k1: 1.2, b: 0.75, termVectors: '', ...reference(passages) });
    expect(built.keyword.words[built.keyword.vocabulary.indexOf('run')]).toBe('running'); // 3 "running", 3 "runs": the first seen wins

    const stored = decodeTokens(encodeTokens({ ...built.tokens, wordVectors: { words: ['a'], vectors: Float32Array.of(1, 0) } }));
    expect(stored.wordVectors.vectors).toEqual(Float32Array.of(1, 0));
    const { forms: storedForms, tokens } = readTokens(stored, passages);
    const order = passages.map((_, i) => i).filter((i) => i % 3 !== 1).reverse();
    const again = buildKeywordIndex(order.map((i) => tokens[i]!), storedForms);
    const reordered = order.map((i, id) => ({ ...passages[i]!, id }));
    expect(again.keyword).toEqual({ k1: 1.2, b: 0.75, termVectors: '', ...reference(reordered) });
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
