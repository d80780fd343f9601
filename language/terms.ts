// The keyword side's notion of a word, shared by the indexer and by queries so both agree exactly.
import { stemmer } from 'stemmer';

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
  once only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where
  which while who whom why will with would you your yours yourself yourselves also may might must shall us
  say says said tell told mention mentioned mentions according think thinks thought ask asked many much`
    .split(/\s+/)
    .filter(Boolean),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

export interface TermWord {
  /** The stemmed term, as the keyword index holds it. */
  term: string;
  /** The lowercased word it came from, for the embedding model, which knows words, not stems. */
  word: string;
  /** Offset of the word in the text. */
  at: number;
}

// Stemming dominates tokenising; a corpus has few distinct words, so each is stemmed once.
const stems = new Map<string, string | null>();
const MAX_CACHED = 500_000;

function stemOf(raw: string): string | null {
  let stem = stems.get(raw);
  if (stem !== undefined) return stem;
  const word = raw.normalize('NFKC').replace(/['’]s$/, '').replace(/['’]/g, '');
  stem = word.length === 0 || word.length > 40 || STOPWORDS.has(word) ? null : stemmer(word);
  if (stems.size >= MAX_CACHED) stems.clear();
  stems.set(raw, stem);
  return stem;
}

/** Content words of a text with their stems, in order. Possessive 's is dropped. */
export function termWords(text: string): TermWord[] {
  const out: TermWord[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const term = stemOf(match[0]);
    if (term !== null) out.push({ term, word: match[0].replace(/['’]s$/, ''), at: match.index });
  }
  return out;
}

/** Lowercased, stemmed, stopword-free words of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const term = stemOf(match[0]);
    if (term !== null) out.push(term);
  }
  return out;
}

/** A rough count of the embedding model's word pieces: words plus punctuation marks. */
export function estimateTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(TOKEN)) count++;
  return count;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
