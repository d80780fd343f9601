// The lexical index, built here, persisted as JSON, read by retrieval/: BM25 postings over passages, the
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
  k1 = 1.2,
  b = 0.75,
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
  // (term id, passage, tf) of every posting, in passage order.
  const postingIds = new Uint32Array(occurrences);
  const postingDocs = new Uint32Array(occurrences);
  const postingTfs = new Uint32Array(occurrences);
  let postingCount = 0;
  const lengths = new Array<number>(passages.length);
  const sentenceTerms = new Uint32Array(sentences + 1 + occurrences);
  let sentence = 1;
  let sentenceAt = sentences + 1;
  const tokenSegments = new Uint32Array(segments + 1 + occurrences);
  let segment = 1;
  let segmentAt = segments + 1;
  passages.forEach(({ bounds, ids }, doc) => {
    let distinct = 0;
    for (let s = 0; s + 1 < bounds.length; s++) {
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
    let length = 0;
    for (let i = 0; i < distinct; i++) {
      const id = touched[i]!;
      length += tf[id]!;
      postingIds[postingCount] = id;
      postingDocs[postingCount] = doc;
      postingTfs[postingCount++] = tf[id]!;
      tf[id] = 0;
    }
    lengths[doc] = length;
  });
  const keyword: KeywordIndexData = {
    k1,
    b,
    lengths,
    postings: postingLists(vocabulary, postingIds.subarray(0, postingCount), postingDocs, postingTfs),
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

/** term -> [passages..., tfs...], terms in id order (the postings, in passage order per term). */
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
    postings[vocabulary[id]!] = list;
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
