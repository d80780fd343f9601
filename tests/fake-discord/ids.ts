import { randomBytes } from 'node:crypto';

/** Discord's epoch (2015-01-01T00:00:00Z): snowflakes count milliseconds from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake whose timestamp is now, so `createdTimestamp` in discord.js is realistic. */
export function nextSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  const ms = BigInt(Date.now()) - DISCORD_EPOCH;
  return ((ms << 22n) | (1n << 17n) | increment).toString();
}

/** An interaction token: long, URL-safe and unique, like Discord's. */
export function nextInteractionToken(): string {
  return `fake_itoken_${randomBytes(36).toString('base64url')}`;
}

export function isoNow(): string {
  return new Date().toISOString();
}
