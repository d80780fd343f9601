// A BM25 keyword index over passages: built here, persisted as JSON, scored by retrieval/.
import { terms } from './text/terms.ts';

export interface KeywordIndexData {
  k1: number;
  b: number;
  /** Term count of each passage (by position in passages.json). */
  lengths: number[];
  /** term -> [passage positions..., term frequencies...] (two halves of equal length). */
  postings: Record<string, number[]>;
}

/** What a passage is found by: its words plus its document title and section, so questions naming a document match it. */
export function keywordText(p: { title: string; section?: string; text: string }): string {
  return `${p.title} ${p.section ?? ''} ${p.text}`;
}

export function buildKeywordIndex(texts: string[], k1 = 1.2, b = 0.75): KeywordIndexData {
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  const lengths: number[] = [];
  texts.forEach((text, doc) => {
    const counts = new Map<string, number>();
    const words = terms(text);
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    lengths.push(words.length);
    for (const [w, tf] of counts) {
      let list = lists.get(w);
      if (!list) lists.set(w, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
    }
  });
  const postings: Record<string, number[]> = Object.create(null);
  for (const [w, list] of lists) postings[w] = [...list.docs, ...list.tfs];
  return { k1, b, lengths, postings };
}
