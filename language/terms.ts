// The analyser chain shared by the indexer and by questions, so both agree exactly on what a term is:
// words (ICU's segmentation for scripts written without spaces) -> lowercase, NFKC -> for Latin-script words the
// English chain (stop words, possessive 's, Porter stem); words of other scripts are kept as they are.
// Identifiers are split too: "interaction.reply" and "setArchived" give "interaction", "reply", "set", "archived"
// and "setarchived", so code is found by the names in it.
import { stem, STOPWORDS } from './english/words.ts';
import { words } from './words.ts';

export interface TermWord {
  /** The term, as the keyword index holds it. */
  term: string;
  /** The lowercased word it came from, for the embedding model, which knows words, not stems. */
  word: string;
  /** Offset of the word in the text. */
  at: number;
}

// Stemming dominates analysis; a corpus has few distinct words, so each is analysed once.
const cache = new Map<string, string | null>();
const MAX_CACHED = 500_000;
const LATIN = /^[\p{Script=Latin}\p{N}'’]+$/u;

function termOf(word: string): string | null {
  let term = cache.get(word);
  if (term !== undefined) return term;
  const bare = word.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (bare.length === 0 || bare.length > 40) term = null;
  else if (!LATIN.test(bare)) term = bare;
  else term = STOPWORDS.has(bare) ? null : stem(bare);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(word, term);
  return term;
}

/** Content words of a text with their terms, in order. */
export function termWords(text: string): TermWord[] {
  const out: TermWord[] = [];
  for (const w of words(text)) {
    const term = termOf(w.word);
    if (term !== null) out.push({ term, word: w.word.replace(/['’]s$/, ''), at: w.at });
  }
  return out;
}

/** The terms of a text, in order. */
export function terms(text: string): string[] {
  return termWords(text).map((w) => w.term);
}

/** A rough count of the embedding model's word pieces: words plus punctuation marks. */
export function estimateTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(TOKEN)) count++;
  return count;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
