// Readable CLI output: each quote as people read it, then where it stands (and, asked for, why it ranked there).
import type { Answer, Citation } from '../retrieval/types.ts';
import { unmentionedSentence } from '../retrieval/unmentioned.ts';

export function formatAnswer(answer: Answer): string {
  if (!answer.answered) {
    const unmentioned = answer.unmentioned?.length ? ` ${unmentionedSentence(answer.unmentioned)}` : '';
    return `The documents don't answer that.${unmentioned}`;
  }
  return answer.citations.map((c, i) => [`${i + 1}. ${body(c)}`, `   — ${place(c)}`, ...others(c), ...explained(c)].join('\n')).join('\n\n');
}

function body(c: Citation): string {
  // Code as written, indented under its number; prose as one paragraph. No quotation marks of our own: the
  // quote often holds the document's.
  if (c.kind === 'code') return `\n${c.display.replace(/^/gm, '      ')}`;
  return `${c.clipped?.start ? '…' : ''}${c.display}${c.clipped?.end ? '…' : ''}`;
}

function place(c: Citation): string {
  const { lineStart, lineEnd, page } = c.location;
  // A PDF's page is where a reader finds the quote; lines of its extracted text would mean nothing to them.
  const at = page !== undefined ? `page ${page}` : lineStart === lineEnd ? `line ${lineStart}` : `lines ${lineStart}-${lineEnd}`;
  const where = c.section ? `${c.section}, ` : page !== undefined ? '' : `paragraph ${c.location.paragraph}, `;
  return `${c.title} (${c.source}), ${where}${at}`;
}

function others(c: Citation): string[] {
  if (!c.alsoIn?.length) return [];
  return [`   also in: ${c.alsoIn.map((o) => `${o.title} (${o.source}), line ${o.location.lineStart}`).join('; ')}`];
}

/** Each feature's share of the score: value × weight, largest first. */
function explained(c: Citation): string[] {
  if (!c.explain) return [];
  const total = c.explain.features.reduce((a, f) => a + Math.abs(f.contribution), 0) || 1;
  const rows = [...c.explain.features]
    .filter((f) => f.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .map((f) => `     ${f.name.padEnd(18)} ${f.value.toFixed(3).padStart(7)} × ${f.weight.toFixed(2).padStart(5)} = ${f.contribution.toFixed(3).padStart(7)}  (${Math.round((100 * Math.abs(f.contribution)) / total)}%)`);
  return [`   score ${c.explain.score.toFixed(3)}, confidence ${(100 * c.explain.confidence).toFixed(0)}% that it answers:`, ...rows];
}
