import type { EvalCase } from '../retrieval/evaluate.ts';
import type { FeedbackEntry } from './feedback.ts';

export interface Export {
  /** One per question, in the `npm run eval` format. */
  cases: EvalCase[];
  /** Answers that more members marked 👍 than 👎. */
  helpful: number;
  /** Lines that are not votes on answers (malformed, or written by an older citebot). */
  skipped: number;
}

function isEntry(value: unknown): value is FeedbackEntry {
  const entry = value as Partial<FeedbackEntry> | null;
  return (
    typeof entry?.answerId === 'string' &&
    (entry.vote === 'up' || entry.vote === 'down') &&
    typeof entry.question === 'string' &&
    typeof entry.answered === 'boolean' &&
    typeof entry.at === 'string' &&
    Array.isArray(entry.citations) &&
    entry.citations.every((c) => typeof c?.source === 'string' && typeof c.quote === 'string')
  );
}

/**
 * The answers members found helpful (more 👍 than 👎) as evaluation questions: the top quote is what the question
 * should find; a helpful "the documents don't say" becomes `expect: null` (the engine should decline). When a
 * question was asked more than once, its latest helpful answer counts.
 */
export function exportHelpful(feedbackJsonl: string): Export {
  const votes = new Map<string, FeedbackEntry[]>();
  let skipped = 0;
  for (const line of feedbackJsonl.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (!isEntry(value)) {
      skipped += 1;
      continue;
    }
    votes.set(value.answerId, [...(votes.get(value.answerId) ?? []), value]);
  }
  const byQuestion = new Map<string, { at: string; case: EvalCase }>();
  let helpful = 0;
  for (const entries of votes.values()) {
    const up = entries.filter((entry) => entry.vote === 'up').length;
    if (up <= entries.length - up) continue;
    helpful += 1;
    const [first] = entries;
    if (!first) continue;
    const top = first.citations[0];
    const expect = first.answered && top ? { source: top.source, quote: top.quote } : null;
    const at = entries.map((entry) => entry.at).sort().at(-1) ?? '';
    const question = first.question.trim();
    const same = question.toLowerCase().replace(/\s+/gu, ' ');
    const known = byQuestion.get(same);
    if (!known || known.at < at) byQuestion.set(same, { at, case: { question, expect } });
  }
  return { cases: [...byQuestion.values()].map((entry) => entry.case), helpful, skipped };
}
