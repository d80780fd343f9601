// What answering needs to know about a question: its weighted content words with word vectors, and its vector.
import { askingSpans, askedType, type AnswerType } from '../language/english/answer-type.ts';
import { synonymsOf } from '../language/english/synonyms.ts';
import { COMMON_WORDS } from '../language/english/words.ts';
import { termWords, type TermWord } from '../language/terms.ts';
import type { LoadedIndex } from './loaded-index.ts';
import type { QueryTerm } from './term-match.ts';

export type EmbedQuery = (text: string) => Promise<Float32Array | null>;

export interface Query {
  text: string;
  terms: QueryTerm[];
  vector: Float32Array | null;
  /** Words of the question, as typed, that no passage or title has, leaving out common words. */
  unmentioned: string[];
  /** Share of the question's weight on words no passage has. */
  missing: number;
  /** The part of `missing` on names: capitalised words past the question's first, and words with digits. */
  missingNames: number;
  /** The kind of answer asked for ("how many": a number), for English questions. */
  asked?: AnswerType;
}

export async function analyseQuestion(index: LoadedIndex, embed: EmbedQuery, question: string): Promise<Query> {
  const words = termWords(question);
  const terms: QueryTerm[] = [];
  const byTerm = new Map<string, QueryTerm>();
  const unmentioned: string[] = [];
  const asking = askingSpans(question);
  const inTitles = (term: string) => index.anyTitleTerm.has(term);
  for (const w of words) {
    if (byTerm.has(w.term)) continue;
    const known = index.lexicon.ids.has(w.term);
    const typed = typedWord(question, w);
    const contraction = /['’]/.test(w.word); // "don't": how a question is put, not what it is about
    if (!known && !contraction && !COMMON_WORDS.has(w.word) && !inTitles(w.term) && !isCompound(index, w.word) && !asking.some(([s, e]) => w.at >= s && w.at < e)) {
      unmentioned.push(typed);
    }
    const term: QueryTerm = { term: w.term, word: w.word, weight: index.bm25f.idf(w.term), exactOnly: /\p{N}/u.test(w.word) };
    terms.push(term);
    byTerm.set(w.term, term);
  }
  if (index.synonyms) addSynonyms(index, question, words, byTerm);
  const [vector] = await Promise.all([
    embed(question),
    ...terms.map(async (t) => {
      if (t.exactOnly) return;
      // The word as typed ("news"), not the corpus's usual word for its term ("new").
      const id = index.lexicon.ids.get(t.term);
      const known = id !== undefined && index.lexicon.words[id] === t.word ? index.lexicon.vector(id) : undefined;
      t.vector = known ?? (await embed(t.word)) ?? undefined;
    }),
  ]);
  const total = terms.reduce((a, t) => a + t.weight, 0);
  const absent = terms.filter((t) => !index.lexicon.ids.has(t.term) && !inTitles(t.term));
  const missingWeight = absent.reduce((a, t) => a + t.weight, 0);
  // The question's first word is capitalised because it starts the question, not because it is a name.
  const first = question.search(/[\p{L}\p{N}]/u);
  const names = new Set(words.filter((w) => w.at > first && isName(typedWord(question, w))).map((w) => w.term));
  const missingNameWeight = absent.filter((t) => names.has(t.term)).reduce((a, t) => a + t.weight, 0);
  const asked = askedType(question);
  return {
    text: question,
    terms,
    vector: vector ?? null,
    unmentioned: unmentioned.slice(0, 5),
    missing: total > 0 ? missingWeight / total : 0,
    missingNames: total > 0 ? missingNameWeight / total : 0,
    ...(asked && { asked }),
  };
}

/** The word as the question has it ("Ukraine"); the lowercase word where lowercasing moved the offsets. */
function typedWord(question: string, w: TermWord): string {
  const typed = question.slice(w.at, w.at + w.word.length);
  return typed.toLowerCase() === w.word ? typed : w.word;
}

/** A name as typed: capitalised ("Lisbon", "NATO") or holding a digit ("v14"). */
function isName(typed: string): boolean {
  return /^\p{Lu}/u.test(typed) || /\p{N}/u.test(typed);
}

/** "nonproliferation" where the documents write "non-proliferation": two words the corpus has, joined. */
function isCompound(index: LoadedIndex, word: string): boolean {
  for (let i = 2; i <= word.length - 2; i++) {
    const [head, tail] = [termWords(word.slice(0, i)), termWords(word.slice(i))];
    if (head.length === 1 && tail.length === 1 && index.lexicon.ids.has(head[0]!.term) && index.lexicon.ids.has(tail[0]!.term)) return true;
  }
  return false;
}

/** WordNet synonyms of each word, and of two words side by side that WordNet has as one entry ("one-sided"). */
function addSynonyms(index: LoadedIndex, question: string, words: TermWord[], byTerm: Map<string, QueryTerm>): void {
  const synonyms = index.synonyms!;
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
