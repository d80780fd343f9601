import { STATUS_CODES } from 'node:http';
import { DiscordError } from './errors.ts';
import type { JsonObject } from './json.ts';

/** Makes the next matching request(s) fail. */
export interface FailRule {
  method?: string;
  /** Matches if the decoded path (below /api/v10) contains this. */
  pathIncludes?: string;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Default: Discord's body for the status (for 429 the rate-limit body). */
  body?: JsonObject;
  headers?: Record<string, string>;
  /** For 429: seconds in `retry-after` and `retry_after` (default 1). */
  retryAfterSeconds?: number;
}

function defaultFailure(rule: FailRule): DiscordError {
  if (rule.status === 429) {
    const retryAfter = rule.retryAfterSeconds ?? 1;
    return new DiscordError(
      429,
      rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user', ...rule.headers },
    );
  }
  const body = rule.body ?? { message: `${rule.status}: ${STATUS_CODES[rule.status] ?? 'Error'}`, code: 0 };
  return new DiscordError(rule.status, body, rule.headers);
}

/** Holds back the next matching request until released (e.g. to have an answer in flight at a chosen moment). */
export interface HoldRule {
  method?: string;
  pathIncludes?: string;
}

export interface Hold {
  /** Resolves when a matching request has arrived (and is being held). */
  arrived: Promise<void>;
  /** Lets the request through (it is then answered as usual). */
  release(): void;
}

function matches(rule: { method?: string; pathIncludes?: string }, method: string, path: string): boolean {
  return (
    (rule.method === undefined || rule.method.toUpperCase() === method) &&
    (rule.pathIncludes === undefined || path.includes(rule.pathIncludes))
  );
}

/** Injected failures, latency and held requests. */
export class Faults {
  delayMs = 0;
  private rules: { rule: FailRule; left: number }[] = [];
  private holds: { rule: HoldRule; used: boolean; arrive: () => void; gate: Promise<void>; release: () => void }[] = [];

  holdNext(rule: HoldRule): Hold {
    let arrive = (): void => undefined;
    let release = (): void => undefined;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ rule, used: false, arrive, gate, release });
    return { arrived, release };
  }

  /** Waits while this request is held (the first unused hold that matches it). */
  async wait(method: string, path: string): Promise<void> {
    const hold = this.holds.find((entry) => !entry.used && matches(entry.rule, method, path));
    if (!hold) return;
    hold.used = true;
    hold.arrive();
    await hold.gate;
  }

  /** Lets every held request through, and forgets holds not used yet (when the fake closes). */
  releaseAll(): void {
    for (const hold of this.holds) hold.release();
    this.holds = [];
  }

  failNext(rule: FailRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  /** The failure to answer this request with, if a rule matches (and uses up one of its times). */
  take(method: string, path: string): DiscordError | null {
    const entry = this.rules.find(({ rule }) => matches(rule, method, path));
    if (!entry) return null;
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((other) => other !== entry);
    return defaultFailure(entry.rule);
  }
}
