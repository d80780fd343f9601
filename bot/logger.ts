import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/** Structured JSON logs (one line each) to stdout, or to `destination` (tests). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { app: 'citebot' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
