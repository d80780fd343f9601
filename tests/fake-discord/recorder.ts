import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from './messages.ts';

/** One REST request the fake received, and what it answered. */
export interface RecordedRequest {
  method: string;
  /** Decoded path below the API version, e.g. `/webhooks/APP/TOKEN/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (or a multipart body's payload_json); null when empty. */
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  /** performance.now() when the request arrived. */
  at: number;
  /** Set for interaction callbacks. */
  interactionId?: string;
  /** Set for interaction callbacks and interaction webhooks (edits, follow-ups). */
  interactionToken?: string;
  /** Filled in once the fake has answered. */
  response?: { status: number; body: unknown; at: number };
}

interface Waiter {
  predicate: (request: RecordedRequest) => boolean;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The log of requests, with waiting for one that matches. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  private waiters = new Set<Waiter>();

  add(request: RecordedRequest): void {
    this.requests.push(request);
  }

  /** Marks a request answered and wakes whoever waits for it. */
  answered(request: RecordedRequest, status: number, body: unknown, at: number): void {
    request.response = { status, body, at };
    for (const waiter of this.waiters) {
      if (waiter.predicate(request)) this.settle(waiter, () => waiter.resolve(request));
    }
  }

  /** Resolves with the first answered request that matches (already logged or still to come). */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs: number, what: string): Promise<RecordedRequest> {
    const found = this.requests.find((request) => request.response !== undefined && predicate(request));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter, () => reject(new Error(`fake Discord: no ${what} within ${timeoutMs} ms`)));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    for (const waiter of this.waiters) this.settle(waiter, () => waiter.reject(new Error('fake Discord closed')));
  }

  private settle(waiter: Waiter, action: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    action();
  }
}
