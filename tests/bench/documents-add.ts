// npm run bench:documents — adding a document from Discord, end to end, on the CSTO article plus 233 State of the
// Union addresses: the moderator's /documents add (an attachment served on 127.0.0.1) to the private preview, then
// Confirm to the moment /ask quotes the new document ("answerable"), and /documents remove to the moment it no
// longer does. The documents: a markdown handbook of about 50 pages (25,000 words, from the discord.js guide
// corpus), the same text as a 50-page PDF, and a one-page note for comparison. Prints a table.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIMessage } from 'discord.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { runCli } from '../../cli/run.ts';
import { OFFLINE_MODEL } from '../../embedding/embedder.ts';
import { buildIndex } from '../../index/build.ts';
import { DEFAULT_WORLD, button, chatInput } from '../fake-discord/index.ts';
import { sotuBenchFolder } from '../corpus/sotu.ts';
import { startWebServer } from '../helpers/web-server.ts';
import { startBenchBot, type BenchBot } from './bench-bot.ts';
import { median, table } from './measure.ts';

const root = resolve(import.meta.dirname, '../..');
const work = join(root, 'data/bench-documents');
const RUNS = 5;
const PAGE_WORDS = 500;
const { admin } = DEFAULT_WORLD.users;

/** About `pages` pages of markdown: guide chapters one after another, each under its own heading. */
function handbook(pages: number): string {
  const guide = join(root, 'tests/corpora/discordjs-guide');
  const chapters = readdirSync(guide, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && f.includes('/')).sort();
  let text = '# Community handbook\n\n';
  for (const chapter of chapters) {
    if (text.split(/\s+/u).length >= pages * PAGE_WORDS) break;
    text += `## ${chapter}\n\n${readFileSync(join(guide, chapter), 'utf8').replace(/^---\n[\s\S]*?\n---\n/u, '')}\n\n`;
  }
  return text;
}

/** The text as a PDF of `pages` pages (plain lines in a standard font, ASCII only), the last line on the last page. */
async function pdfOf(text: string, pages: number, last: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines: string[] = [];
  for (const paragraph of text.replace(/[^\x20-\x7e\n]/gu, '').split(/\n\s*\n/u)) {
    let line = '';
    for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
      if (`${line} ${word}`.length > 90) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line, '');
  }
  const perPage = Math.ceil(lines.length / pages);
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([612, 792]);
    const chunk = lines.slice(p * perPage, (p + 1) * perPage);
    if (p === pages - 1) chunk.push('', last);
    // The page's lines fit its height whatever their number: a smaller type when there are many.
    const spacing = Math.min(11, 740 / chunk.length);
    chunk.forEach((l, i) => page.drawText(l, { x: 40, y: 760 - i * spacing, size: Math.min(9, spacing * 0.85), font }));
  }
  return Buffer.from(await pdf.save());
}

/** A sentence only run `n` has, so its answer can't come from another run's copy. */
const marker = (n: number) => `The bench keepers named the turquoise walrus Kestrel${n} after the lighthouse.`;
const QUESTION = 'What did the bench keepers name the turquoise walrus?';

interface Run {
  previewMs: number;
  answerableMs: number;
  removedMs: number;
  passages: string;
}

async function handled(bench: BenchBot, payload: ReturnType<typeof chatInput> | ReturnType<typeof button>) {
  const done = bench.handled(payload.id, 120_000);
  await bench.fake.sendInteraction(payload);
  return { outcome: await done, message: bench.fake.interaction(payload.id)?.original };
}

function confirmId(message: APIMessage | null | undefined): string {
  for (const row of message?.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components) if ('custom_id' in c && c.custom_id.startsWith('docs:confirm:')) return c.custom_id;
  }
  throw new Error(`no Confirm button: ${JSON.stringify(message?.embeds[0]?.description ?? message?.content)}`);
}

/** Whether /ask now quotes run `n`'s marker sentence. */
async function answers(bench: BenchBot, n: number): Promise<boolean> {
  const { message } = await handled(bench, chatInput({ name: 'ask', options: { question: QUESTION }, user: admin }));
  return (message?.embeds[0]?.description ?? '').includes(`Kestrel${n}`);
}

runCli(async () => {
  const { addresses, settings } = sotuBenchFolder(work, root, OFFLINE_MODEL);
  process.stderr.write(`indexing the CSTO article and ${addresses} addresses...\n`);
  const built = await buildIndex({ ...settings, full: true });
  const web = await startWebServer();
  const bench = await startBenchBot({
    ...settings,
    env: { DOCUMENT_FETCH_ALLOWED_HOSTS: '127.0.0.1', REMOVED_DIR: join(work, 'removed'), ADDED_DOCUMENTS_FILE: join(work, 'added.json') },
    settings: { rateLimit: { max: 1000, windowMs: 1000 } },
  });
  const markdown = (body: string) => ({ name: 'handbook.md', type: 'text/markdown', make: async (n: number) => Buffer.from(`${body}\n## Bench\n\n${marker(n)}\n`), size: body });
  const documents = [
    ['a 50-page markdown handbook', markdown(handbook(50))],
    ['the same handbook as a 50-page PDF', { name: 'handbook.pdf', type: 'application/pdf', make: (n: number) => pdfOf(handbook(50), 50, marker(n)), size: handbook(50) }],
    ['a one-page markdown note', markdown(handbook(1))],
  ] as const;
  const rows: Array<[string, string, string]> = [];
  try {
    for (const [label, doc] of documents) {
      const body = doc.size;
      const runs: Run[] = [];
      for (let n = 1; n <= RUNS; n++) {
        process.stderr.write(`${label}: run ${n} of ${RUNS}...\n`);
        const bytes = await doc.make(n);
        const filename = doc.name.replace('.', `-${n}.`);
        const url = web.serve(`/attachments/${label.length}-${n}/${doc.name}`, { body: bytes, type: doc.type });
        const file = { filename, url, size: bytes.length, contentType: doc.type };
        let started = performance.now();
        const preview = await handled(bench, chatInput({ name: 'documents', subcommand: 'add', user: admin, attachments: { file } }));
        const previewMs = performance.now() - started;
        const passages = preview.message?.embeds[0]?.fields?.find((f) => f.name === 'Passages')?.value ?? '?';
        started = performance.now();
        const added = await handled(bench, button({ customId: confirmId(preview.message), user: admin, message: { flags: 64 } }));
        if (added.outcome !== 'added') throw new Error(`Confirm ended ${added.outcome}: ${added.message?.content}`);
        if (!(await answers(bench, n))) throw new Error(`run ${n}: /ask does not quote the new document`);
        const answerableMs = performance.now() - started;
        started = performance.now();
        const removed = await handled(bench, chatInput({ name: 'documents', subcommand: 'remove', options: { document: `added/${filename}` }, user: admin }));
        if (removed.outcome !== 'removed') throw new Error(`remove ended ${removed.outcome}: ${removed.message?.content}`);
        if (await answers(bench, n)) throw new Error(`run ${n}: /ask still quotes the removed document`);
        runs.push({ previewMs, answerableMs, removedMs: performance.now() - started, passages });
      }
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const line = (pick: (run: Run) => number) => `${s(median(runs.map(pick)))} median, ${s(Math.max(...runs.map(pick)))} max`;
      const size = `${(Buffer.byteLength(body) / 1000).toFixed(0)} KB, ${body.split(/\s+/u).length.toLocaleString('en-US')} words, ${runs[0]?.passages} passages`;
      rows.push([`${label} (${size}): /documents add to preview`, line((r) => r.previewMs), '']);
      rows.push([`${label}: Confirm to answerable`, line((r) => r.answerableMs), '']);
      rows.push([`${label}: /documents remove to no longer quoted`, line((r) => r.removedMs), '']);
    }
  } finally {
    await bench.close();
    await web.close();
  }
  console.log(`\nindex: the CSTO article and ${addresses} addresses, ${built.passages.toLocaleString('en-US')} passages; model ${OFFLINE_MODEL}; ${RUNS} runs each\n`);
  console.log(table(rows));
});
