import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config';

export type { Logger } from 'pino';

/**
 * The portal's structured logger: one JSON object per line on stdout (or on `destination`, for
 * tests). Request bodies are never logged; the redaction list is a safety net for headers and fields
 * that must never reach a log even by mistake.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'portal' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.token',
        '*.secret',
        'password',
        'token',
        'secret',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
