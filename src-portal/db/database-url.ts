import path from 'node:path';

/** Where the portal's data lives, as decided by `PORTAL_DATABASE_URL`. */
export type DatabaseLocation =
  | { dialect: 'sqlite'; /** absolute path of the database file */ file: string }
  | { dialect: 'postgres'; /** the connection string, password included: never log it */ url: string };

/** Why a `PORTAL_DATABASE_URL` value was refused: a one-line English message naming the variable. */
export class DatabaseUrlError extends Error {}

/**
 * Reads `PORTAL_DATABASE_URL`: `sqlite:/absolute/path`, `sqlite:relative/path` (relative to `cwd`),
 * `postgres://…` or `postgresql://…`. Anything else is refused with a message that says what is
 * accepted and echoes the value with any password masked.
 */
export function parseDatabaseUrl(raw: string, cwd: string): DatabaseLocation {
  const value = raw.trim();
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length);
    if (file === '') {
      throw new DatabaseUrlError(
        'PORTAL_DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:/var/lib/portal/portal.sqlite',
      );
    }
    // `sqlite://host/…` would be read as a path starting with "//": refuse it rather than guess.
    if (file.startsWith('//')) {
      throw new DatabaseUrlError(
        `PORTAL_DATABASE_URL must be sqlite:/absolute/path or sqlite:relative/path (got "${maskSecrets(value)}")`,
      );
    }
    return { dialect: 'sqlite', file: path.resolve(cwd, file) };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DatabaseUrlError(
        `PORTAL_DATABASE_URL is not a valid PostgreSQL URL (got "${maskSecrets(value)}")`,
      );
    }
    if (parsed.pathname === '' || parsed.pathname === '/') {
      throw new DatabaseUrlError(
        `PORTAL_DATABASE_URL must name a database, e.g. postgres://user@host:5432/portal (got "${maskSecrets(value)}")`,
      );
    }
    return { dialect: 'postgres', url: value };
  }
  throw new DatabaseUrlError(
    `PORTAL_DATABASE_URL must start with sqlite: or postgres:// (got "${maskSecrets(value)}")`,
  );
}

/** How to name a database location in logs and messages: never with its password. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  return location.dialect === 'sqlite' ? `sqlite:${location.file}` : maskSecrets(location.url);
}

/**
 * Replaces by `***` the password of any `scheme://user:password@host` URL in a text, and any
 * `password=` query parameter (libpq accepts both).
 */
export function maskSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@')
    .replace(/([?&]password=)[^&\s]*/gi, '$1***');
}
