// The lexical index, built here, persisted as JSON, read by retrieval/: BM25 postings over passages, the
// vocabulary with a word vector per term (for matching a question's words to similar words), and each
// passage sentence's terms (so quotes are scored without re-tokenising text at query time).
import type { Passage } from './store-format.ts';
import { termWords } from './text/terms.ts';

export interface KeywordIndexData {
  k1: number;
  b: number;
  /** Term count of each passage (by position in passages.json). */
  lengths: number[];
  /** term -> [passage positions..., term frequencies...] (two halves of equal length). */
  postings: Record<string, number[]>;
  /** Every term (stem), in id order. */
  vocabulary: string[];
  /** The word each term most often comes from: what the embedding model is given. */
  words: string[];
  /** base64 of a Uint32Array: offsets [sentences + 1] (into the ids that follow), then term ids per sentence in text order. */
  sentenceTerms: string;
  /** base64 of a Float32Array: vocabulary.length * dimension, unit rows; all-zero for words the model can't embed. */
  termVectors: string;
}

type PassageText = Pick<Passage, 'title' | 'section' | 'text' | 'charStart' | 'sentences'>;

/** What a passage is found by: its words plus its document title and section, so questions naming a document match it. */
function headerText(p: PassageText): string {
  return `${p.title} ${p.section ?? ''}`;
}

export function buildKeywordIndex(passages: PassageText[], k1 = 1.2, b = 0.75): KeywordIndexData {
  const ids = new Map<string, number>();
  const wordCounts: Array<Map<string, number>> = [];
  const idOf = (term: string, word: string) => {
    let id = ids.get(term);
    if (id === undefined) {
      ids.set(term, (id = ids.size));
      wordCounts.push(new Map());
    }
    const counts = wordCounts[id]!;
    counts.set(word, (counts.get(word) ?? 0) + 1);
    return id;
  };
  const lists = new Map<number, { docs: number[]; tfs: number[] }>();
  const lengths: number[] = [];
  const offsets: number[] = [0];
  const sentenceIds: number[] = [];
  passages.forEach((p, doc) => {
    const counts = new Map<number, number>();
    const count = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const w of termWords(headerText(p))) count(idOf(w.term, w.word));
    for (const [s, e] of p.sentences) {
      for (const w of termWords(p.text.slice(s - p.charStart, e - p.charStart))) {
        const id = idOf(w.term, w.word);
        count(id);
        sentenceIds.push(id);
      }
      offsets.push(sentenceIds.length);
    }
    let length = 0;
    for (const [id, tf] of counts) {
      length += tf;
      let list = lists.get(id);
      if (!list) lists.set(id, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
    }
    lengths.push(length);
  });
  const vocabulary = [...ids.keys()];
  const postings: Record<string, number[]> = Object.create(null);
  for (const [id, list] of lists) postings[vocabulary[id]!] = [...list.docs, ...list.tfs];
  const words = wordCounts.map((counts) => [...counts].reduce((best, x) => (x[1] > best[1] ? x : best))[0]);
  const packed = Uint32Array.from([...offsets, ...sentenceIds]);
  return { k1, b, lengths, postings, vocabulary, words, sentenceTerms: toBase64(packed), termVectors: '' };
}

export function toBase64(array: Uint32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

export function fromBase64<T extends Uint32Array | Float32Array>(text: string, type: new (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, 'base64');
  return new type(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
