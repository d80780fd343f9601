// Markdown documentation as structure: what a member sees of an answer from real-looking docs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrBuildEngine } from '../../cli/open-engine.ts';
import { formatAnswer } from '../../cli/format-answer.ts';
import type { Engine } from '../../retrieval/engine-types.ts';
import { engineOptions, tempSeeds } from '../helpers/temp-corpus.ts';

const shared = 'Every command file exports a data object and an execute function, which the loader reads at startup.';
const docs = {
  'guide/gardening.md': [
    '---',
    'title: Looking after the allotment',
    'sidebar: true',
    '---',
    '',
    '# allotment.md',
    '',
    '## Watering',
    '',
    '::: tip',
    'Water the [tomato beds](https://example.org/tomatoes) early in the morning,',
    'before the sun is high, so the leaves dry by noon.',
    ':::',
    '',
    '## Tools',
    '',
    '| Tool | Shed |',
    '|---|---|',
    '| Rake | north shed |',
    '| Wheelbarrow | south shed |',
    '',
    'Call <DocsLink path="Shed:Class#unlock" type="method" /> before taking anything out.',
    '',
    '```js',
    'const shed = openShed({ key: "green", alarm: false });',
    'shed.unlock();',
    '```',
  ].join('\n'),
  'guide/commands-a.md': `# Commands A\n\n${shared}\n`,
  'guide/commands-b.md': `# Commands B\n\n${shared}\n`,
  'guide/commands-c.md': `# Commands C\n\n${shared}\n`,
};

let engine: Engine;
let seeds: string;
beforeAll(async () => {
  seeds = tempSeeds(docs);
  engine = await openOrBuildEngine({ ...engineOptions(seeds), log: () => {} });
});
afterAll(() => engine.close());
const read = (source: string) => readFileSync(join(seeds, source), 'utf8');

describe('answers from markdown documentation', () => {
  it('quotes prose as people read it, with the exact source span, the frontmatter title and the section', async () => {
    const answer = await engine.answer('when should the tomato beds be watered');
    const top = answer.citations[0]!;
    expect(top.title).toBe('Looking after the allotment');
    expect(top.section).toBe('Watering');
    expect(top.display).toBe('Water the tomato beds early in the morning, before the sun is high, so the leaves dry by noon.');
    expect(top.quote).toContain('[tomato beds](https://example.org/tomatoes)');
    expect(read(top.source).slice(top.location.charStart, top.location.charEnd)).toBe(top.quote);
    expect(top.display).not.toContain(':::');
  });

  it('shows a table row with its column names, and a component as the name it stands for', async () => {
    const row = (await engine.answer('wheelbarrow shed')).citations[0]!;
    expect(row.kind).toBe('row');
    expect(row.display).toBe('Tool: Wheelbarrow · Shed: south shed');
    const call = (await engine.answer('what to call before taking tools out of the shed')).citations.find((c) => c.kind === 'prose')!;
    expect(call.display).toBe('Call Shed#unlock() before taking anything out.');
  });

  it('quotes a code block whole, as written, never split into sentences', async () => {
    const answer = await engine.answer('openShed key alarm');
    const code = answer.citations.find((c) => c.kind === 'code')!;
    expect(code.language).toBe('js');
    expect(code.display).toBe('const shed = openShed({ key: "green", alarm: false });\nshed.unlock();');
    expect(read(code.source).slice(code.location.charStart, code.location.charEnd)).toBe(code.display);
  });

  it('gives a paragraph repeated in several documents once, saying where else it stands', async () => {
    const answer = await engine.answer('what does every command file export');
    const same = answer.citations.filter((c) => c.display === shared);
    expect(same).toHaveLength(1);
    expect(same[0]!.alsoIn?.map((o) => o.source).sort()).toHaveLength(2);
    expect(formatAnswer(answer)).toContain('also in:');
  });

  it('never makes the frontmatter or a heading a quote', async () => {
    const answer = await engine.answer('sidebar true allotment');
    for (const c of answer.citations) expect(c.quote).not.toMatch(/^(---|sidebar|#)/m);
  });

  it('explains each citation: every feature with its value, weight and share of the score', async () => {
    const answer = await engine.answer('when should the tomato beds be watered', { explain: true });
    const explain = answer.citations[0]!.explain!;
    expect(explain.features.map((f) => f.name)).toContain('coverage');
    const sum = explain.features.reduce((a, f) => a + f.contribution, 0);
    expect(sum).toBeCloseTo(explain.score, 6);
    expect(formatAnswer(answer)).toMatch(/coverage\s+[\d.]+ ×/);
  });
});
