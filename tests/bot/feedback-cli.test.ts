// `npm run feedback -- --export FILE.jsonl`: the answers members marked helpful, as `npm run eval` questions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackEntry } from '../../bot/feedback.ts';
import { exportHelpful } from '../../bot/feedback-export.ts';
import { tsxLoader } from '../../bot/reindex-command.ts';
import { parseEvalFile } from '../../retrieval/evaluate.ts';
import { PROJECT } from './harness.ts';

const place = { charStart: 10, charEnd: 30, lineStart: 2, lineEnd: 2, paragraph: 1 };

function vote(answerId: string, userId: string, vote: 'up' | 'down', question: string, at: string, quote?: string): FeedbackEntry {
  return {
    at,
    answerId,
    vote,
    userId,
    guildId: '1',
    channelId: '2',
    question,
    answered: quote !== undefined,
    indexVersion: 'v1',
    citations: quote === undefined ? [] : [{ source: 'a.md', title: 'A', quote, ...place }, { source: 'b.md', title: 'B', quote: 'second', ...place }],
  };
}

const jsonl = (lines: unknown[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');

describe('exportHelpful', () => {
  it('keeps answers with more 👍 than 👎, their top quote; a helpful decline expects none; the latest of a question wins', () => {
    const text = jsonl([
      vote('a1', 'u1', 'up', 'Who signed?', '2025-01-01T00:00:00Z', 'the old quote'),
      vote('a2', 'u1', 'up', 'who  signed?', '2025-02-01T00:00:00Z', 'the new quote'),
      vote('a2', 'u2', 'up', 'who  signed?', '2025-02-02T00:00:00Z', 'the new quote'),
      vote('a3', 'u1', 'up', 'tied?', '2025-01-01T00:00:00Z', 'x'),
      vote('a3', 'u2', 'down', 'tied?', '2025-01-01T00:00:00Z', 'x'),
      vote('a4', 'u3', 'up', 'bread?', '2025-01-01T00:00:00Z'),
      vote('a5', 'u3', 'down', 'bad?', '2025-01-01T00:00:00Z', 'y'),
      { at: 'x', vote: 'up', question: 'old format', passageIds: [4, 4], indexVersion: 'v0', answered: true },
      'not json',
      '',
    ]);
    expect(exportHelpful(text)).toEqual({
      cases: [
        { question: 'who  signed?', expect: { source: 'a.md', quote: 'the new quote' } },
        { question: 'bread?', expect: null },
      ],
      helpful: 3,
      skipped: 2,
    });
  });
});

describe('npm run feedback', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function run(args: string[], env: Record<string, string> = {}) {
    dir ??= mkdtempSync(join(tmpdir(), 'citebot-feedback-'));
    const result = spawnSync(process.execPath, ['--import', tsxLoader(), join(PROJECT, 'bot/feedback-cli.ts'), ...args], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      encoding: 'utf8',
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, dir };
  }

  it('writes the helpful answers as eval questions, and says how many', () => {
    dir = mkdtempSync(join(tmpdir(), 'citebot-feedback-'));
    writeFileSync(join(dir, 'votes.jsonl'), jsonl([vote('a1', 'u1', 'up', 'Who signed?', '2025-01-01T00:00:00Z', 'They did.'), '{"old": true}']));
    const result = run(['--export', 'questions.jsonl'], { FEEDBACK_FILE: 'votes.jsonl' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `wrote 1 question to ${join(result.dir, 'questions.jsonl')} (1 answer marked helpful; skipped 1 line that is not a vote on an answer (older citebot, or damaged))\n`,
    );
    const written = readFileSync(join(result.dir, 'questions.jsonl'), 'utf8');
    expect(parseEvalFile(written)).toEqual([{ question: 'Who signed?', expect: { source: 'a.md', quote: 'They did.' } }]);
  });

  it('refuses bad options and a missing feedback file with one line and exit code 1', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^citebot: usage: npm run feedback -- --export FILE\.jsonl \[--feedback FEEDBACK\.jsonl\]$/u],
      [['--export'], /^citebot: --export needs a file; usage: /u],
      [['--out', 'x.jsonl'], /^citebot: unknown option "--out"; usage: /u],
      [['--export', 'x.jsonl', '--feedback', 'none.jsonl'], /^citebot: no feedback yet: .*none\.jsonl does not exist/u],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });
});
