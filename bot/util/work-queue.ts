/** Rejection of `push` when the queue is full. */
export class QueueFullError extends Error {
  constructor() {
    super('the work queue is full');
    this.name = 'QueueFullError';
  }
}

/** A place in the queue, taken when an interaction arrives, before slow steps like deferring. */
export interface Ticket {
  /** Runs `task` in this place's turn; resolves with its result. Use once. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Gives the place back without running anything (no-op once run). */
  release(): void;
}

interface Slot {
  /** Set once the task is known; until then the slot holds its place (and the ones behind it wait). */
  start?: () => void;
}

/**
 * A bounded FIFO of async tasks run one at a time (or `concurrency` at a time), in the order places were taken:
 * CPU-bound answer work is done in the order questions arrived, and a burst beyond `maxLength` is refused
 * instead of piling up.
 */
export class WorkQueue {
  private readonly waiting: Slot[] = [];
  private running = 0;

  constructor(
    readonly maxLength: number,
    readonly concurrency = 1,
  ) {}

  /** Tasks running or waiting, and places taken for tasks still to come. */
  get length(): number {
    return this.waiting.length + this.running;
  }

  get idle(): boolean {
    return this.length === 0;
  }

  /** A place at the end of the queue, or undefined when it is full. */
  reserve(): Ticket | undefined {
    if (this.length >= this.maxLength) return undefined;
    const slot: Slot = {};
    this.waiting.push(slot);
    let used = false;
    return {
      run: (task) => {
        if (used) return Promise.reject(new Error('ticket already used'));
        used = true;
        return this.fill(slot, task);
      },
      release: () => {
        if (used) return;
        used = true;
        const index = this.waiting.indexOf(slot);
        if (index >= 0) this.waiting.splice(index, 1);
        this.pump();
      },
    };
  }

  /** Runs `task` at the end of the queue; rejects with QueueFullError when full, unless `force` (upkeep). */
  push<T>(task: () => Promise<T>, options: { force?: boolean } = {}): Promise<T> {
    if (!options.force && this.length >= this.maxLength) return Promise.reject(new QueueFullError());
    const slot: Slot = {};
    this.waiting.push(slot);
    return this.fill(slot, task);
  }

  private fill<T>(slot: Slot, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      slot.start = () => {
        this.running += 1;
        void Promise.resolve()
          .then(task)
          .then(resolve, reject)
          .finally(() => {
            this.running -= 1;
            this.pump();
          });
      };
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const head = this.waiting[0];
      if (!head?.start) return; // empty, or the first place's task is not known yet
      this.waiting.shift();
      head.start();
    }
  }
}
