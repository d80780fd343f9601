// The live index as retrieval uses it: the store read from disk, plus what ranking needs beside it, built once per load.
import { terms } from '../language/terms.ts';
import type { Synonyms } from '../language/english/synonyms.ts';
import { readStore, type StoreData } from '../store/read.ts';
import { Bm25f } from './bm25f.ts';
import { Lexicon } from './lexicon.ts';

export interface LoadedIndex extends StoreData {
  lexicon: Lexicon;
  bm25f: Bm25f;
  /** Passage positions of each document, in order. */
  bySource: Map<string, number[]>;
  /** Terms of each document's title and path. */
  titleTerms: Map<string, Set<string>>;
  /** Terms of every title and path. */
  anyTitleTerm: Set<string>;
  synonyms?: Synonyms;
}

export function loadIndex(indexDir: string, synonyms?: Synonyms): LoadedIndex {
  let lexicon: Lexicon | undefined;
  let bm25f: Bm25f | undefined;
  const titleTerms = new Map<string, Set<string>>();
  const data = readStore(indexDir, (store) => {
    for (const [source, file] of Object.entries(store.manifest.files)) titleTerms.set(source, new Set(documentNameTerms(file.title, source)));
    bm25f = new Bm25f(store.keyword, store.passages, (source) => [...(titleTerms.get(source) ?? [])]);
    lexicon = new Lexicon(store.keyword, store.passages, store.manifest.model.dimension, (term) => bm25f!.idf(term));
    if (!store.manifest.background) throw new Error('the manifest has no similarity background');
  });
  // Only the lexicon reads these; they are large strings.
  data.keyword.sentenceTerms = data.keyword.termVectors = '';
  const bySource = new Map<string, number[]>();
  data.passages.forEach((p, i) => {
    const list = bySource.get(p.source);
    if (list) list.push(i);
    else bySource.set(p.source, [i]);
  });
  const anyTitleTerm = new Set([...titleTerms.values()].flatMap((t) => [...t]));
  return { ...data, lexicon: lexicon!, bm25f: bm25f!, bySource, titleTerms, anyTitleTerm, ...(synonyms && { synonyms }) };
}

/**
 * A document's title and path words, plus each two adjacent words written as one, so a title that spells a
 * name in two parts ("Mc Kinley", "Java Script") is found by the name written as one word.
 */
export function documentNameTerms(title: string, source: string): string[] {
  const words = `${title} ${source.replace(/\.[^.]+$/, '')}`.match(/[\p{L}\p{N}]+/gu) ?? [];
  const joined = words.slice(1).map((w, i) => words[i]! + w);
  return terms([...words, ...joined].join(' '));
}
