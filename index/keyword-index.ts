// The lexical index, built here, persisted as JSON, read by retrieval/: postings over passages for two fields
// (the body, and the section path above it) for BM25F, the
// vocabulary with a word vector per term (for matching a question's words to similar words), and each
// passage sentence's terms (so quotes are scored without re-tokenising text at query time).
// Built from the passages' tokens (keyword-tokens.ts), so a build that reuses tokens gives the same index as one that doesn't.
import type { FormTable, PassageTokens } from './keyword-tokens.ts';
import type { StoredTokens } from '../store/tokens-file.ts';
import { toBase64, type KeywordIndexData } from '../store/keyword-format.ts';


/** The keyword index over the passages (termVectors left empty), and their tokens with forms renumbered by first occurrence. */
export function buildKeywordIndex(
  passages: PassageTokens[],
  forms: FormTable,
): { keyword: KeywordIndexData; tokens: Omit<StoredTokens, 'wordVectors'> } {
  let occurrences = 0;
  let sentences = 0;
  for (const { bounds } of passages) {
    occurrences += bounds[bounds.length - 1]! - bounds[0]!;
    sentences += bounds.length - 2;
  }
  const segments = sentences + passages.length;
  const termOf = termKeys(forms);
  const idOfKey = new Int32Array(forms.size).fill(-1);
  const vocabulary: string[] = [];
  const formCount = new Uint32Array(forms.size);
  const formRank = new Int32Array(forms.size).fill(-1);
  let ranked = 0;
  const tf = new Uint32Array(forms.size);
  const touched = new Uint32Array(forms.size);
  const body = new Postings(occurrences);
  const section = new Postings(occurrences);
  const lengths = new Array<number>(passages.length);
  const sectionLengths = new Array<number>(passages.length);
  const sentenceTerms = new Uint32Array(sentences + 1 + occurrences);
  let sentence = 1;
  let sentenceAt = sentences + 1;
  const tokenSegments = new Uint32Array(segments + 1 + occurrences);
  let segment = 1;
  let segmentAt = segments + 1;
  passages.forEach(({ bounds, ids }, doc) => {
    let distinct = 0;
    // Segment 0 is the section path: counted on its own, as a field of its own.
    const flush = (into: Postings) => {
      let length = 0;
      for (let i = 0; i < distinct; i++) {
        const id = touched[i]!;
        length += tf[id]!;
        into.add(id, doc, tf[id]!);
        tf[id] = 0;
      }
      distinct = 0;
      return length;
    };
    for (let s = 0; s + 1 < bounds.length; s++) {
      if (s === 1) sectionLengths[doc] = flush(section);
      for (let j = bounds[s]!; j < bounds[s + 1]!; j++) {
        const form = ids[j]!;
        const key = termOf[form]!;
        let id = idOfKey[key]!;
        if (id < 0) {
          id = idOfKey[key] = vocabulary.length;
          vocabulary.push(forms.terms[form]!);
        }
        formCount[form]!++;
        if (formRank[form] === -1) formRank[form] = ranked++;
        if (tf[id]!++ === 0) touched[distinct++] = id;
        if (s > 0) sentenceTerms[sentenceAt++] = id;
        tokenSegments[segmentAt++] = formRank[form]!;
      }
      if (s > 0) sentenceTerms[sentence++] = sentenceAt - sentences - 1;
      tokenSegments[segment++] = segmentAt - segments - 1;
    }
    if (bounds.length < 3) sectionLengths[doc] = flush(section);
    lengths[doc] = flush(body);
  });
  const keyword: KeywordIndexData = {
    lengths,
    sectionLengths,
    postings: body.lists(vocabulary),
    sectionPostings: section.lists(vocabulary),
    vocabulary,
    words: mostFrequentWords(forms, termOf, idOfKey, formCount, formRank, vocabulary.length),
    sentenceTerms: toBase64(sentenceTerms.subarray(0, sentenceAt)),
    termVectors: '',
  };
  const tokens = { terms: new Array<string>(ranked), words: new Array<string>(ranked), segments: tokenSegments };
  formRank.forEach((rank, form) => {
    if (rank === -1) return;
    tokens.terms[rank] = forms.terms[form]!;
    tokens.words[rank] = forms.words[form]!;
  });
  return { keyword, tokens };
}

/** A small integer per distinct term, for each form. */
function termKeys(forms: FormTable): Int32Array {
  const keys = new Map<string, number>();
  return Int32Array.from(forms.terms, (term) => {
    let key = keys.get(term);
    if (key === undefined) keys.set(term, (key = keys.size));
    return key;
  });
}

/** (term id, passage, tf) of every posting of a field, in passage order. */
class Postings {
  private readonly ids: Uint32Array;
  private readonly docs: Uint32Array;
  private readonly tfs: Uint32Array;
  private count = 0;

  constructor(capacity: number) {
    [this.ids, this.docs, this.tfs] = [new Uint32Array(capacity), new Uint32Array(capacity), new Uint32Array(capacity)];
  }

  add(id: number, doc: number, tf: number): void {
    this.ids[this.count] = id;
    this.docs[this.count] = doc;
    this.tfs[this.count++] = tf;
  }

  lists(vocabulary: string[]): Record<string, number[]> {
    return postingLists(vocabulary, this.ids.subarray(0, this.count), this.docs, this.tfs);
  }
}

/** term -> [passages..., tfs...], terms in id order (the postings, in passage order per term); terms without any left out. */
function postingLists(vocabulary: string[], ids: Uint32Array, docs: Uint32Array, tfs: Uint32Array): Record<string, number[]> {
  // A stable counting sort by term into one [passages..., tfs...] run per term.
  const starts = new Uint32Array(vocabulary.length + 1);
  for (const id of ids) starts[id + 1]!++;
  for (let id = 0; id < vocabulary.length; id++) starts[id + 1]! += starts[id]!;
  const filled = new Uint32Array(vocabulary.length);
  const runs = new Uint32Array(2 * ids.length);
  ids.forEach((id, i) => {
    const k = filled[id]!++;
    runs[2 * starts[id]! + k] = docs[i]!;
    runs[starts[id]! + starts[id + 1]! + k] = tfs[i]!;
  });
  const postings: Record<string, number[]> = Object.create(null);
  for (let id = 0; id < vocabulary.length; id++) {
    // Filled by push: a packed array, which JSON.stringify writes several times faster than a holey one.
    const list: number[] = [];
    for (let k = 2 * starts[id]!, end = 2 * starts[id + 1]!; k < end; k++) list.push(runs[k]!);
    if (list.length > 0) postings[vocabulary[id]!] = list;
  }
  return postings;
}

/** Each term's most frequent word; among equals, the one seen first. */
function mostFrequentWords(forms: FormTable, termOf: Int32Array, idOfKey: Int32Array, count: Uint32Array, rank: Int32Array, terms: number): string[] {
  const best = new Int32Array(terms).fill(-1);
  for (let form = 0; form < forms.size; form++) {
    if (rank[form] === -1) continue;
    const id = idOfKey[termOf[form]!]!;
    const b = best[id]!;
    if (b === -1 || count[form]! > count[b]! || (count[form] === count[b] && rank[form]! < rank[b]!)) best[id] = form;
  }
  return Array.from(best, (form) => forms.words[form]!);
}
