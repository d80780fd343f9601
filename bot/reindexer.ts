import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

const progressLine = z.object({
  type: z.literal('progress'),
  stage: z.string(),
  done: z.number(),
  total: z.number(),
  /** What the indexer is doing, in words ("reading 12 of 40 documents"). */
  text: z.string().optional(),
});
const summaryLine = z.object({
  type: z.literal('summary'),
  added: z.number(),
  changed: z.number(),
  removed: z.number(),
  unchanged: z.number(),
  passages: z.number(),
  seconds: z.number(),
  /** Files the indexer could not read, each with the reason. */
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })).default([]),
});

export type ReindexProgress = Omit<z.infer<typeof progressLine>, 'type'>;
export type ReindexSummary = Omit<z.infer<typeof summaryLine>, 'type'>;

export class ReindexBusyError extends Error {
  constructor() {
    super('a reindex is already running');
    this.name = 'ReindexBusyError';
  }
}

export class ReindexFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReindexFailedError';
  }
}

/** How to start the indexer: the command and its arguments for a (full or incremental) run. */
export interface ReindexCommand {
  command: string;
  args: (options: { full: boolean }) => string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the indexer CLI as a child process (so answering is never blocked by it), one run at a time, reading its
 * JSON-lines progress and summary from stdout.
 */
export class Reindexer {
  private child: ChildProcess | undefined;
  private ended: Promise<unknown> = Promise.resolve();

  constructor(private readonly spec: ReindexCommand) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Resolves once no reindex is running (at once when none is). Never rejects. */
  async idle(): Promise<void> {
    while (this.child) await this.ended;
  }

  /** Resolves with the summary; rejects with ReindexBusyError or ReindexFailedError (one line from stderr). */
  run(options: { full: boolean; onProgress?: (progress: ReindexProgress) => void }): Promise<ReindexSummary> {
    if (this.child) return Promise.reject(new ReindexBusyError());
    const child = spawn(this.spec.command, this.spec.args({ full: options.full }), {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const result = new Promise<ReindexSummary>((resolve, reject) => {
      let summary: ReindexSummary | undefined;
      let stderr = '';
      createInterface({ input: child.stdout! }).on('line', (line) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          return; // not a protocol line
        }
        const progress = progressLine.safeParse(parsed);
        if (progress.success) {
          const { type: _type, ...rest } = progress.data;
          options.onProgress?.(rest);
          return;
        }
        const done = summaryLine.safeParse(parsed);
        if (done.success) {
          const { type: _type, ...rest } = done.data;
          summary = rest;
        }
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-8000);
      });
      const finish = (error: Error | undefined): void => {
        if (this.child === child) this.child = undefined;
        if (error) reject(error);
        else if (summary) resolve(summary);
        else reject(new ReindexFailedError('the indexer ended without a summary'));
      };
      child.once('error', (error) => finish(new ReindexFailedError(`could not start the indexer: ${error.message}`)));
      child.once('close', (code, signal) => {
        if (code === 0) return finish(undefined);
        const lastLine = stderr.trim().split('\n').filter(Boolean).at(-1);
        const reason = lastLine ?? (signal ? `stopped by ${signal}` : `exit code ${code}`);
        finish(new ReindexFailedError(reason));
      });
    });
    this.ended = result.catch(() => undefined);
    return result;
  }

  /** Stops a running reindex (at shutdown). */
  stop(): void {
    this.child?.kill('SIGTERM');
  }
}
