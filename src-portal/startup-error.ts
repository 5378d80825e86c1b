/**
 * An error that stops the portal before it serves anything, with a message fit to print as one line
 * for the person who started it (no stack trace) and the exit code the CLI must end with: 2 for a bad
 * configuration, 1 for anything else (database unreachable or unwritable, migrations refused, port
 * taken).
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** A configuration value is missing or malformed: exit code 2. */
export class ConfigError extends StartupError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'ConfigError';
  }
}

/**
 * The most useful one-line description of an error from a driver or the OS. Some carry an empty
 * message (an AggregateError when `localhost` resolves to both ::1 and 127.0.0.1 and both refuse).
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const first: unknown = error.errors[0];
    return describeError(first);
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.split('\n')[0]?.trim() ?? '';
    if (message) return message;
    if (code) return code;
    return error.name;
  }
  return String(error);
}
