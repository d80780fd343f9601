// The PDF reader's worker thread: a PDF that stalls it, swells it or kills it is refused with a one-line reason,
// and the next PDF gets a fresh worker. A stand-in worker plays the hostile PDFs by their first byte.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../loaders/pdf-reader.ts';
import { UnreadableDocument } from '../../loaders/types.ts';
import { tempDir } from '../helpers/temp-corpus.ts';

const script = join(tempDir('citebot-pdf-worker-'), 'worker.mjs');
writeFileSync(
  script,
  `import { parentPort } from 'node:worker_threads';
  parentPort.on('message', ({ id, bytes }) => {
    if (bytes[0] === 1) return; // never answers
    if (bytes[0] === 2) { const hog = []; for (;;) hog.push(new Array(1e6).fill(hog.length)); }
    if (bytes[0] === 3) process.exit(3);
    parentPort.postMessage({ id, result: { pages: [], outline: [], title: 'read ' + bytes[0] } });
  });`,
);
const reader = new PdfReader(pathToFileURL(script), { timeoutMs: 300, memoryMb: 48 });
afterAll(() => reader.close());
const read = (first: number) => reader.read(Uint8Array.of(first));

describe('the PDF reader', () => {
  it('reads PDFs one after another, in order', async () => {
    const titles = await Promise.all([read(7), read(8), read(9)]);
    expect(titles.map((r) => r.title)).toEqual(['read 7', 'read 8', 'read 9']);
  });

  it.each([
    ['stalls', 1, 'took more than 0.3 s to read (a PDF built to stall readers?)'],
    ['swells past the memory cap', 2, 'needs more than 48 MB of memory to read'],
    ['kills the worker', 3, 'the PDF reader stopped (exit code 3)'],
  ])('refuses a PDF that %s, and reads the next with a fresh worker', async (_name, first, reason) => {
    const hostile = read(first).catch((e: unknown) => e);
    const queued = read(5); // waiting behind it
    await expect(hostile).resolves.toEqual(new UnreadableDocument(reason));
    await expect(queued.then((r) => r.title)).resolves.toBe('read 5');
    await expect(read(6).then((r) => r.title)).resolves.toBe('read 6');
  });
});
