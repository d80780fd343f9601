// Readable CLI output: each quote, then where it stands.
import type { Answer } from '../retrieval/types.ts';
import { unmentionedSentence } from '../retrieval/unmentioned.ts';

export function formatAnswer(answer: Answer): string {
  if (!answer.answered) {
    const unmentioned = answer.unmentioned?.length ? ` ${unmentionedSentence(answer.unmentioned)}` : '';
    return `The documents don't answer that.${unmentioned}`;
  }
  return answer.citations
    .map((c, i) => {
      const lines = c.location.lineStart === c.location.lineEnd ? `line ${c.location.lineStart}` : `lines ${c.location.lineStart}-${c.location.lineEnd}`;
      const section = c.section ? `, ${c.section}` : '';
      // No quotation marks of our own: the quote often holds the document's.
      return `${i + 1}. ${c.quote.replace(/\r?\n/g, '\n   ')}\n   — ${c.title}${section} (${c.source}), paragraph ${c.location.paragraph}, ${lines}`;
    })
    .join('\n\n');
}
