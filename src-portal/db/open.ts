import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger';
import { StartupError, describeError } from '../startup-error';
import type { PortalDatabase, PortalDatabaseHandle } from './database';
import { type DatabaseLocation, describeDatabaseLocation, maskSecrets } from './database-url';
import { PortalSqliteDialect } from './sqlite-dialect';

export type OpenDatabaseOptions = {
  logger?: Logger;
  /** How long to wait for a PostgreSQL connection before giving up (ms). */
  connectTimeoutMs?: number;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
};

/**
 * Opens the portal's database, SQLite or PostgreSQL as the location says, and checks it can really be
 * used (an SQLite file written to, a PostgreSQL server answering). Throws a `StartupError` with a
 * one-line message (no password) when it cannot.
 */
export async function openDatabase(
  location: DatabaseLocation,
  options: OpenDatabaseOptions = {},
): Promise<PortalDatabaseHandle> {
  return location.dialect === 'sqlite'
    ? openSqlite(location.file)
    : openPostgres(location.url, describeDatabaseLocation(location), options);
}

function openSqlite(file: string): PortalDatabaseHandle {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (error) {
    throw new StartupError(
      `Cannot create the folder of the SQLite database ${path.dirname(file)}: ${describeError(error)}`,
      1,
      { cause: error },
    );
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new StartupError(`Cannot open the SQLite database ${file}: ${describeError(error)}`, 1, {
      cause: error,
    });
  }
  try {
    // WAL: readers never wait for the writer. NORMAL sync is durable in WAL mode except on power loss
    // of the last transactions, the usual trade-off for a web server. A 5 s busy timeout lets a brief
    // lock by another process (backup) pass instead of failing a request.
    const mode: unknown = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, WAL refused`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // Prove we can write now rather than at the first parent's request.
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK');
  } catch (error) {
    sqlite.close();
    throw new StartupError(`Cannot write to the SQLite database ${file}: ${describeError(error)}`, 1, {
      cause: error,
    });
  }
  const db = new Kysely<PortalDatabase>({ dialect: new PortalSqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', label: `sqlite:${file}`, close: once(() => db.destroy()) };
}

async function openPostgres(
  url: string,
  label: string,
  { logger, connectTimeoutMs = 5000, poolSize = 10 }: OpenDatabaseOptions,
): Promise<PortalDatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'portail-famille-alp',
  });
  // An idle pooled connection can die (server restart, network): pg emits 'error' on the pool, and an
  // unhandled 'error' event would crash the process. The next query opens a fresh connection.
  pool.on('error', (error) => {
    logger?.warn({ err: { message: describeError(error) } }, 'PostgreSQL connection lost (will reconnect)');
  });
  const db = new Kysely<PortalDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(
      `Cannot connect to PostgreSQL at ${label}: ${maskSecrets(describeError(error))}`,
      1,
      {
        cause: error,
      },
    );
  }
  return { db, dialect: 'postgres', label, close: once(() => db.destroy()) };
}

function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}
