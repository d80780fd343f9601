// Arbitrary questions (unicode, 0-6,000 characters, markdown, mentions, zero-width characters, emoji, code blocks)
// at three levels: engine.answer + the pure renderer, the real bot against the fake Discord, and `ask --stdin --json`.
// The only outcomes are an answer (verbatim quotes), an abstention or one of the engine's clear refusals; nothing
// the bot sends breaks a Discord limit or lets a mention ping.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_TO_SEARCH } from '../../bot/commands/ask.ts';
import { parseAskCustomId } from '../../bot/custom-ids.ts';
import { renderAnswer, threadName } from '../../bot/render/answer.ts';
import { renderNotice } from '../../bot/render/messages.ts';
import { QuestionError } from '../../retrieval/question.ts';
import type { Answer } from '../../retrieval/types.ts';
import { chatInput, messageContextMenu } from '../fake-discord/index.ts';
import { isEphemeral, messagesWithMentionsOn, openTestEngine, startHarness, type Harness, type TestEngine } from '../bot/harness.ts';
import { MODELS_DIR, PROJECT_ROOT, SEED_FILE, TEST_MODEL } from '../helpers/temp-corpus.ts';
import { VALIDATION_MESSAGE, expectQuotesShown, expectSendable, expectVerbatim, question } from './bot-questions-helpers.ts';

let test: TestEngine;

beforeAll(async () => {
  test = await openTestEngine();
});
afterAll(async () => {
  await test?.close();
});

/** What the engine says to `q`: an answer, or the message of a QuestionError (anything else fails the test). */
async function ask(q: string): Promise<Answer | string> {
  try {
    return await test.engine.answer(q, { limit: 9, perDocument: 6 });
  } catch (error) {
    if (error instanceof QuestionError) return error.message;
    throw error;
  }
}

describe('engine.answer + the renderer, in process', () => {
  it('answers, abstains or refuses clearly; quotes stay verbatim and every message fits Discord', async () => {
    let answered = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(question, fc.nat(4), fc.boolean(), async (q, page, canThread) => {
        const result = await ask(q);
        if (typeof result === 'string') {
          refused += 1;
          expect(result).toMatch(VALIDATION_MESSAGE);
          expectSendable(renderNotice(result));
          return;
        }
        // The engine refuses exactly the empty and the too long; everything else gets an answer or an abstention.
        expect(q.trim()).not.toBe('');
        expect(q.trim().length).toBeLessThanOrEqual(500);
        expectVerbatim(result);
        if (result.answered) answered += 1;
        const payload = renderAnswer({ question: q, answer: result, page, perPage: 3, key: 'abcdefghij', canThread });
        expectSendable(payload);
        for (const row of payload.components ?? []) {
          for (const button of row.components) expect(parseAskCustomId(button.custom_id)).toBeDefined();
        }
        const first = Math.min(page, Math.ceil(result.citations.length / 3) - 1) * 3;
        if (result.answered) expectQuotesShown(payload.embeds?.[0]?.description ?? '', result.citations.slice(first, first + 3).map((c) => c.quote));
        const name = threadName(q);
        expect(name.length >= 1 && name.length <= 100).toBe(true);
      }),
      { numRuns: 400 },
    );
    // The generator reaches all three outcomes.
    expect(answered).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

describe('through the real bot and the fake Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(test, { settings: { rateLimit: { max: 100_000, windowMs: 1000 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('every request is within limits (no 400/50035), mentions never parse, quotes are verbatim', async () => {
    const kinds = ['public', 'private', 'find', 'document'] as const;
    const document = fc.oneof(fc.constant(SEED_FILE), fc.constant('CSTO Dushanbe declaration'), question);
    const outcomes = new Set<unknown>();
    await fc.assert(
      fc.asyncProperty(question, fc.constantFrom(...kinds), document, async (q, kind, doc) => {
        const options = { question: q, ...(kind === 'private' ? { private: true } : {}), ...(kind === 'document' ? { document: doc } : {}) };
        const payload =
          kind === 'find'
            ? messageContextMenu({ name: 'Find in documents', targetMessage: { content: q.slice(0, 4000) } })
            : chatInput({ name: 'ask', options });
        const sent = await h.fake.sendInteraction(payload);
        const { outcome } = await h.handled(sent.id, 15_000);
        outcomes.add(outcome);
        const requests = h.fake.messagesFor(sent.token);
        for (const request of requests) expect(request.response?.status, `${request.method} ${request.path}`).toBeLessThan(300);
        expect(requests[0]?.response?.status).toBeLessThan(300); // a first response, always
        const state = h.fake.interaction(sent.id);
        const shown = state?.followUps.at(-1) ?? state?.original;
        if (outcome === 'answered' || outcome === 'no-answer') {
          const ids = (shown?.components ?? []).flatMap((row) =>
            'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : [],
          );
          const fb = ids.map(parseAskCustomId).find((b) => b?.action === 'fb');
          const stored = fb && h.bot.services.answers.get(fb.key);
          if (!stored) throw new Error(`no stored answer for ${JSON.stringify(ids)}`);
          expectVerbatim(stored.answer, test.seedText);
          expect(stored.answer.answered).toBe(outcome === 'answered');
          if (outcome === 'answered') expectQuotesShown(shown?.embeds[0]?.description ?? '', stored.answer.citations.slice(0, 3).map((c) => c.quote));
          expect(isEphemeral(shown?.flags)).toBe(kind === 'private' || kind === 'find');
        } else if (outcome === 'refused-question') {
          expect(shown?.content).toMatch(VALIDATION_MESSAGE);
          expect(isEphemeral(shown?.flags)).toBe(true);
        } else if (outcome === 'unknown-document') {
          expect(kind).toBe('document');
          expect(shown?.content).toMatch(/^There is no indexed document called ".*"\. Pick one from the list, or see \/sources\.$/su);
          expect(isEphemeral(shown?.flags)).toBe(true);
        } else if (outcome === 'empty-question') {
          expect(kind).not.toBe('find');
          expect(shown?.content).toBe(NOTHING_TO_SEARCH);
          expect(isEphemeral(shown?.flags)).toBe(true);
        } else {
          expect(kind === 'find' && outcome === 'empty-message', `outcome ${String(outcome)}`).toBe(true);
          expect(shown?.content).toBe('That message has no text to search for.');
        }
      }),
      { numRuns: 80 },
    );
    expect([...outcomes]).toEqual(expect.arrayContaining(['answered', 'no-answer', 'refused-question']));
    expect(messagesWithMentionsOn(h.fake.requests)).toEqual([]);
    expect(h.fake.requests.filter((r) => (r.response?.status ?? 0) >= 400)).toEqual([]);
    expect(h.clientErrors).toEqual([]);
    expect(h.fake.internalErrors).toEqual([]);
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  });
});

describe('ask --stdin --json', () => {
  it('prints one JSON object per non-blank input line: an answer with verbatim quotes, or {question, error}', () => {
    // Lines are split at \r and \n; lone surrogates reach the CLI as U+FFFD (stdin is UTF-8).
    const lines = fc.sample(question, { numRuns: 300, seed: 20251126 }).map((q) => Buffer.from(q.replace(/[\r\n]/gu, ' ')).toString());
    const run = spawnSync(
      join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      [join(PROJECT_ROOT, 'cli/ask.ts'), '--stdin', '--json', '--index', test.indexDir, '--seeds', test.seedsDir],
      { input: `${lines.join('\n')}\n`, encoding: 'utf8', env: { ...process.env, MODELS_DIR, EMBEDDING_MODEL: TEST_MODEL }, timeout: 50_000 },
    );
    expect(run.stderr).not.toMatch(/\n\s+at /u); // no stack trace
    const expected = lines.filter((line) => line.trim() !== '');
    const out = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(out.map((o) => o['question'])).toEqual(expected);
    let errors = 0;
    for (const o of out) {
      if ('error' in o) {
        errors += 1;
        expect(Object.keys(o).sort()).toEqual(['error', 'question']);
        expect(o['error']).toMatch(VALIDATION_MESSAGE);
      } else {
        const answer = o as unknown as Answer;
        expectVerbatim(answer, test.seedText);
        for (const c of answer.citations) expect(c.source).toBe(SEED_FILE);
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(out.length);
    expect(run.status).toBe(1); // some lines were refused
  });
});
