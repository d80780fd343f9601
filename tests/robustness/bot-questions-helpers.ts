// Hostile questions for the bot and CLI property tests, and the checks every outcome must pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { payloadProblems, type MessagePayload } from '../../bot/render/limits.ts';
import { oneLine } from '../../bot/render/markdown.ts';
import { MAX_QUESTION_LENGTH } from '../../retrieval/question.ts';
import type { Answer } from '../../retrieval/types.ts';
import type { JsonObject } from '../fake-discord/json.ts';
import { messageProblems } from '../fake-discord/limits.ts';
import { PROJECT_ROOT, SEED_FILE } from '../helpers/temp-corpus.ts';

export const SEED_TEXT = readFileSync(join(PROJECT_ROOT, 'seeds', SEED_FILE), 'utf8');
const WORDS = [...new Set(SEED_TEXT.split(/[^\p{L}\p{N}'’-]+/u).filter((word) => word.length > 2))];

const PIECES = [
  '@everyone', '@here', '<@123>', '<@!123456789012345678>', '<@&456>', '<#300000000000000001>', '```js\nevil()\n```', '```', '`code`',
  '**bold**', '__under__', '*it*', '~~strike~~', '||spoiler||', '> quoted', '# Heading', '-# subtext', '[link](https://evil.example)',
  '\\', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u00ad', '😀', '👍🏽', '👨‍👩‍👧', '🇫🇷', 'e\u0301', 'العربية', '中文句子。',
  '\n', '\r\n', '\t', '  ', '?', '!', '\u0000', '\u001b[31m', '\u007f', '\ud800', '\udc00',
];

const word = fc.constantFrom(...WORDS);
const piece = fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: fc.constantFrom(...PIECES) });
const pieces = fc.array(piece, { minLength: 1, maxLength: 40 });
const joined = fc.tuple(pieces, fc.constantFrom(' ', '', '\n')).map(([parts, glue]) => parts.join(glue));

/** `parts` repeated (space-separated) and cut to exactly `length` UTF-16 units (possibly inside a pair). */
function ofLength(parts: string[], length: number): string {
  const unit = `${parts.join(' ')} `;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/**
 * Questions of 0 to 6,000 characters: plain questions from the seed's words, markdown, mentions, zero-width and
 * control characters, emoji, code blocks, lone surrogates, and lengths around the 500-character limit.
 */
export const question: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: joined },
  { weight: 3, arbitrary: fc.array(word, { minLength: 2, maxLength: 12 }).map((words) => `${words.join(' ')}?`) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.tuple(pieces, fc.integer({ min: 400, max: 6000 })).map(([parts, n]) => ofLength(parts, n)) },
  { weight: 1, arbitrary: fc.tuple(pieces, fc.integer({ min: MAX_QUESTION_LENGTH - 2, max: MAX_QUESTION_LENGTH + 2 })).map(([parts, n]) => ofLength(parts, n)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ', '\u200b', '@everyone', '```\n```', 'x'.repeat(6000), '*'.repeat(6000)) },
);

/** The engine's three refusals, exactly. */
export const VALIDATION_MESSAGE =
  /^(Please type a question\.|Questions can be at most 500 characters; yours has \d+\.|The question contains control characters; please retype it as plain text\.)$/u;

/** Every citation is exactly the seed's text at its place; answered iff there are citations. */
export function expectVerbatim(answer: Pick<Answer, 'answered' | 'citations'>, text = SEED_TEXT): void {
  expect(answer.answered).toBe(answer.citations.length > 0);
  for (const c of answer.citations) {
    expect(c.quote.length).toBeGreaterThan(0);
    expect(text.slice(c.location.charStart, c.location.charEnd)).toBe(c.quote);
  }
}

/** Within Discord's limits by the bot's own check (UTF-16) and by the fake's (as Discord answers 50035). */
export function expectSendable(payload: MessagePayload): void {
  expect(payloadProblems(payload)).toEqual([]);
  expect(payload.allowedMentions).toEqual({ parse: [] });
  expect(messageProblems(JSON.parse(JSON.stringify(payload)) as JsonObject)).toEqual([]);
}

/** Undoes Markdown escapes (a backslash before ASCII punctuation). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/gu, '$1');
}

/**
 * The block-quote lines of an answer embed, unescaped: each is a quote on one line, or its start cut with "…"; a
 * leading "…" (a quote that starts mid-sentence) is not part of it.
 */
export function expectQuotesShown(description: string, quotes: readonly string[]): void {
  const shown = description
    .split('\n')
    .filter((line) => line.startsWith('> '))
    .map((line) => unescapeMarkdown(line.slice(2)).replace(/^…/u, ''));
  expect(shown.length).toBeGreaterThan(0);
  shown.forEach((text, i) => {
    const full = oneLine(quotes[i] ?? '');
    if (text === full) return;
    expect(text.endsWith('…'), `quote ${i} changed: ${JSON.stringify(text)}`).toBe(true);
    expect(full.startsWith(text.slice(0, -1).trimEnd())).toBe(true);
  });
}
