/** Per-user sliding window: at most `max` actions in any `windowMs`. */
export class RateLimiter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an action by `user` if allowed; otherwise says how long until it would be. */
  take(user: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    const times = (this.recent.get(user) ?? []).filter((at) => now - at < this.windowMs);
    if (times.length >= this.max) {
      this.recent.set(user, times);
      const oldest = times[0] ?? now;
      return { ok: false, retryAfterMs: Math.max(0, oldest + this.windowMs - now) };
    }
    times.push(now);
    this.recent.set(user, times);
    if (this.recent.size > 10_000) this.sweep(now);
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [user, times] of this.recent) {
      if (times.every((at) => now - at >= this.windowMs)) this.recent.delete(user);
    }
  }
}
