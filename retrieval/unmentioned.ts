// Saying which of the question's words no document has, when the documents don't answer it.

/** "No document mentions “cryptocurrency”." or "... “war” or “Ukraine”."; `mark` sets each word off. */
export function unmentionedSentence(words: string[], mark: (word: string) => string = (w) => `“${w}”`): string {
  const marked = words.map(mark);
  const list = marked.length === 1 ? marked[0] : `${marked.slice(0, -1).join(', ')} or ${marked.at(-1)}`;
  return `No document mentions ${list}.`;
}
