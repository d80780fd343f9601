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

/** Injected failures and latency. */
export class Faults {
  delayMs = 0;
  private rules: { rule: FailRule; left: number }[] = [];

  failNext(rule: FailRule): void {
    this.rules.push({ rule, left: rule.times ?? 1 });
  }

  /** The failure to answer this request with, if a rule matches (and uses up one of its times). */
  take(method: string, path: string): DiscordError | null {
    const entry = this.rules.find(
      ({ rule }) =>
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.pathIncludes === undefined || path.includes(rule.pathIncludes)),
    );
    if (!entry) return null;
    entry.left -= 1;
    if (entry.left <= 0) this.rules = this.rules.filter((other) => other !== entry);
    return defaultFailure(entry.rule);
  }
}
