// PDFs are read on a worker thread (pdf-worker.mjs), one at a time: PDF.js starts there in 0.2 s rather than 2 s
// under tsx, and a PDF built to make readers loop or swell is stopped by a time limit and a memory cap, with a
// one-line reason, without disturbing the indexer. The worker stays for the next PDF, and goes when idle.
import { Worker } from 'node:worker_threads';
import type { PdfTextItem } from './pdf-layout.ts';
import type { OutlineHeading } from './pdf-outline.ts';
import { UnreadableDocument } from './types.ts';

export interface RawPdf {
  /** Each page's text pieces. */
  pages: PdfTextItem[][];
  outline: OutlineHeading[];
  title: string | null;
}

export interface ReaderLimits {
  timeoutMs: number;
  memoryMb: number;
}

/** A 1,000-page PDF reads in some 10 s here; a PDF that takes minutes is built to stall readers. */
export const PDF_LIMITS: ReaderLimits = { timeoutMs: 120_000, memoryMb: 1536 };
const IDLE_MS = 10_000;

type Reply = { id: number; result?: RawPdf; error?: { name: string; message: string } };

export class PdfReader {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  private nextId = 0;

  constructor(
    private readonly url: URL,
    private readonly limits: ReaderLimits = PDF_LIMITS,
  ) {}

  /** The PDF's pages, outline and title; rejects with PDF.js's error (its name kept), or UnreadableDocument. */
  read(bytes: Uint8Array): Promise<RawPdf> {
    const run = this.queue.then(() => this.readNow(bytes));
    this.queue = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private readNow(bytes: Uint8Array): Promise<RawPdf> {
    clearTimeout(this.idle);
    const worker = (this.worker ??= this.spawn());
    worker.ref();
    const id = this.nextId++;
    return new Promise<RawPdf>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const fail = (reason: string) => {
        settle();
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        reject(new UnreadableDocument(reason));
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        settle();
        this.rest(worker);
        if (reply.result) resolve(reply.result);
        else reject(Object.assign(new Error(reply.error?.message ?? 'unreadable'), { name: reply.error?.name ?? 'Error' }));
      };
      const onError = (error: Error & { code?: string }) =>
        fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `needs more than ${this.limits.memoryMb} MB of memory to read` : UnreadableDocument.damaged('PDF', error).message);
      const onExit = (code: number) => fail(`the PDF reader stopped (exit code ${code})`);
      const timer = setTimeout(() => fail(`took more than ${this.limits.timeoutMs / 1000} s to read (a PDF built to stall readers?)`), this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const copy = bytes.slice(); // handed over to the worker (PDF.js also takes ownership of what it reads)
      worker.postMessage({ id, bytes: copy }, [copy.buffer]);
    });
  }

  private spawn(): Worker {
    // No TypeScript loader in the worker (execArgv []): it would load PDF.js ten times slower.
    const worker = new Worker(this.url, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb } });
    worker.on('error', () => {}); // reported to the read in progress, if any
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined; // the next PDF gets a new one
    });
    return worker;
  }

  /** Lets the process exit while the worker waits for the next PDF, and ends it after a while. */
  private rest(worker: Worker): void {
    worker.unref();
    this.idle = setTimeout(() => void this.close(), IDLE_MS);
    this.idle.unref();
  }
}

export const pdfReader = new PdfReader(new URL('./pdf-worker.mjs', import.meta.url));
