// Spreads big embedding jobs over worker threads, each with its own pipeline loaded from local files.
// Workers start on first use and pull chunks of texts from a shared queue; results come back in order.
// Until every worker has loaded its model (~0.5-1 s), the calling thread takes chunks too, so a first
// big job doesn't wait idle; once they are all up it leaves the work to them.
import { Worker } from 'node:worker_threads';

/** Texts per request: big enough that batching within a chunk pads little and runs few sessions. */
const MAX_CHUNK_TEXTS = 512;
const MIN_CHUNK_TEXTS = 64;

type Vectors = (Float32Array | null)[];

interface Reply {
  id?: number;
  ready?: boolean;
  error?: string;
  dim?: number;
  data?: Float32Array;
  valid?: Uint8Array;
}

interface Member {
  worker: Worker;
  /** Settles when the worker has loaded its model (or failed to). */
  ready: Promise<void>;
  isReady: boolean;
  failReady: (error: Error) => void;
}

export class WorkerPool {
  private members: Member[] = [];
  private pending = new Map<number, { resolve: (v: Vectors) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;
  /** Jobs under way: workers keep the process alive only while there are some. */
  private jobs = 0;

  constructor(
    private readonly source: { model: string; dir: string },
    private readonly size: number,
    /** Embeds on the calling thread. */
    private readonly local: (texts: string[]) => Promise<Vectors>,
  ) {}

  /** Starts the workers if needed and resolves once all have loaded their model. */
  async ready(): Promise<void> {
    if (this.closed) throw new Error('embedder is closed');
    if (this.members.length === 0) this.start();
    const members = this.members;
    await this.holding(() => Promise.all(members.map((m) => m.ready)));
  }

  async embed(texts: string[]): Promise<Vectors> {
    if (this.closed) throw new Error('embedder is closed');
    if (this.members.length === 0) this.start();
    const members = this.members;
    const out: Vectors = new Array(texts.length).fill(null);
    // About four chunks per worker, so the last ones even out the load.
    const chunkSize = Math.max(MIN_CHUNK_TEXTS, Math.min(MAX_CHUNK_TEXTS, Math.ceil(texts.length / (4 * members.length))));
    let next = 0;
    const take = async (run: (chunk: string[]) => Promise<Vectors>): Promise<void> => {
      const start = next;
      next += chunkSize;
      try {
        const vectors = await run(texts.slice(start, start + chunkSize));
        vectors.forEach((v, i) => (out[start + i] = v));
      } catch (error) {
        next = texts.length;
        throw error;
      }
    };
    const drain = async (member: Member): Promise<void> => {
      await member.ready;
      while (next < texts.length) await take((chunk) => this.request(member, chunk));
    };
    const helpWhileStarting = async (): Promise<void> => {
      while (next < texts.length && members.some((m) => !m.isReady)) await take(this.local);
    };
    await this.holding(() => Promise.all([...members.map(drain), helpWhileStarting()]));
    return out;
  }

  /** Runs a job with the workers keeping the process alive (they are unref'd when idle). */
  private async holding<T>(job: () => Promise<T>): Promise<T> {
    if (this.jobs++ === 0) this.members.forEach((m) => m.worker.ref());
    try {
      return await job();
    } finally {
      if (--this.jobs === 0) this.members.forEach((m) => m.worker.unref());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stop(new Error('embedder is closed'));
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: this.source });
      let resolveReady!: () => void;
      let failReady!: (error: Error) => void;
      const ready = new Promise<void>((resolve, reject) => ((resolveReady = resolve), (failReady = reject)));
      ready.catch(() => undefined); // the job waiting on it sees the failure
      const member: Member = { worker, ready, isReady: false, failReady };
      worker.on('message', (reply: Reply) => {
        if (reply.ready === true) {
          member.isReady = true;
          resolveReady();
        } else if (reply.ready === false) {
          void this.stop(new Error(`embedding worker could not load ${this.source.model}: ${reply.error}`));
        } else this.settle(reply);
      });
      worker.on('error', (error) => void this.stop(error));
      worker.on('exit', (code) => {
        if (this.members.includes(member)) void this.stop(new Error(`embedding worker exited with code ${code}`));
      });
      if (this.jobs === 0) worker.unref(); // an idle pool must not keep the process alive
      this.members.push(member);
    }
  }

  private request(member: Member, texts: string[]): Promise<Vectors> {
    const id = this.nextId++;
    return new Promise<Vectors>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      member.worker.postMessage({ id, texts });
    });
  }

  private settle(reply: Reply): void {
    const pending = reply.id === undefined ? undefined : this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id!);
    if (reply.error !== undefined) return pending.reject(new Error(reply.error));
    const { dim = 0, data, valid } = reply;
    pending.resolve(Array.from(valid ?? [], (ok, i) => (ok && data ? data.slice(i * dim, (i + 1) * dim) : null)));
  }

  /** Fails every request in flight and stops all workers; the next job starts fresh ones. */
  private async stop(error: Error): Promise<void> {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    const members = this.members;
    this.members = [];
    for (const member of members) member.failReady(error);
    await Promise.all(members.map((m) => m.worker.terminate()));
  }
}
