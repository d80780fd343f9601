/**
 * Sends only the latest of a stream of updates, at most one every `minIntervalMs` and one at a time
 * (progress edits of an interaction reply, which Discord rate-limits).
 */
export class ThrottledEditor<T> {
  private latest: T | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastAt = -Infinity;
  private closed = false;

  constructor(
    private readonly send: (update: T) => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  offer(update: T): void {
    if (this.closed) return;
    this.latest = update;
    this.schedule();
  }

  /** Drops what is not sent yet and waits for the edit in flight (call before the final edit). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
    await this.inFlight;
  }

  private schedule(): void {
    if (this.inFlight || this.timer || this.closed) return;
    const wait = Math.max(0, this.lastAt + this.minIntervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const update = this.latest;
      this.latest = undefined;
      if (update === undefined || this.closed) return;
      this.lastAt = performance.now();
      this.inFlight = this.send(update)
        .catch(this.onError)
        .finally(() => {
          this.inFlight = undefined;
          if (this.latest !== undefined) this.schedule();
        });
    }, wait);
  }
}
