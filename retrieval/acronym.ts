// "What does CSTO stand for?", "csto full name": a question about what an acronym stands for is answered where
// a document spells it out, "Collective Security Treaty Organization (CSTO)" (initials matched as in Schwartz
// and Hearst's abbreviation finder, minor words skipped).

const ASKS = /\bstands? for\b|\bfull (?:name|form|title)\b|\bacronym\b|\babbreviation\b|\bshort for\b|\bspelled out\b/i;
const MINOR = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'a', 'an', 'at', 'by', 'with', '&']);

/** The words of a question that asks what an acronym stands for, uppercased (any may be the acronym). */
export function acronymsAsked(question: string): string[] {
  if (!ASKS.test(question)) return [];
  const words = question.match(/\b[\p{L}\p{N}]{2,10}\b/gu) ?? [];
  return [...new Set(words.map((w) => w.toUpperCase()).filter((w) => /\p{L}/u.test(w) && !MINOR.has(w.toLowerCase())))];
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
