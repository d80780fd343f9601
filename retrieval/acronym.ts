// "What does CSTO stand for?", "csto full name": a question about what an acronym stands for is answered where
// a document spells it out, "Collective Security Treaty Organization (CSTO)" (initials matched as in Schwartz
// and Hearst's abbreviation finder, minor words skipped).
import { terms, termWords } from '../language/terms.ts';

const ASKS = /\bstands? for\b|\bfull (?:name|form|title)\b|\bacronym\b|\babbreviation\b|\bshort for\b|\bspelled out\b/i;
/** The words of those phrases, and of ways to ask them, as terms. */
const ASKING = new Set(terms('stand stands for full name form title acronym abbreviation short spelled spell out mean means meaning'));
const MINOR = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'a', 'an', 'at', 'by', 'with', '&']);

/**
 * The acronym a question asks the long form of, uppercased: only when that is all it asks, so "what does
 * the CSTO stand for on sanctions?" and "the full name of the CSTO secretary general" are left to ranking.
 */
export function acronymAsked(question: string): string | undefined {
  if (!ASKS.test(question)) return undefined;
  const words = termWords(question).filter((w) => !ASKING.has(w.term));
  const word = words[0]?.word;
  if (words.length !== 1 || !word || word.length < 2 || word.length > 10 || !/^[\p{L}\p{N}]+$/u.test(word)) return undefined;
  return word.toUpperCase();
}

/** Where `text` spells out `acronym` as "Long Form Name (LFN)": the long form and the bracket, or undefined. */
export function expansionIn(text: string, acronym: string): { start: number; end: number } | undefined {
  const bracket = `(${acronym})`;
  for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
    const before = text.slice(Math.max(0, at - 40 * acronym.length), at);
    const words = [...before.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
    let letter = acronym.length - 1;
    let start = -1;
    for (let w = words.length - 1; w >= 0 && letter >= 0; w--) {
      const word = words[w]![0];
      if (MINOR.has(word.toLowerCase())) continue;
      if (word[0]!.toUpperCase() !== acronym[letter]) break;
      letter--;
      start = at - before.length + words[w]!.index;
    }
    if (letter < 0) return { start, end: at + bracket.length };
  }
  return undefined;
}
