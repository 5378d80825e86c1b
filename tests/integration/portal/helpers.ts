import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../../src-portal/app';
import { loadConfig } from '../../../src-portal/config';
import type { PortalDatabaseHandle } from '../../../src-portal/db/database';
import { parseDatabaseUrl } from '../../../src-portal/db/database-url';
import { migrateToLatest } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import type { PortalEnv } from '../../../src-portal/http/env';
import { createLogger } from '../../../src-portal/logger';
import { type RunningServer, startServer } from '../../../src-portal/server';
import { getTestPostgres } from '../../support/postgres';

/** A database engine the portal supports, able to hand out empty databases. */
export type DialectTarget = {
  name: 'SQLite' | 'PostgreSQL';
  newDatabaseUrl(): Promise<string>;
};

export type DialectTargets = {
  targets: DialectTarget[];
  /** Why PostgreSQL is not among the targets, when it is not. */
  postgresSkipReason: string | undefined;
  cleanup(): Promise<void>;
};

/**
 * SQLite always (files in a temp folder), PostgreSQL when `getTestPostgres()` finds a server. Meant
 * for a test file's top level, to run the same suite over each with `describe.each(targets)`.
 */
export async function dialectTargets({ postgres: wanted = true } = {}): Promise<DialectTargets> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  let counter = 0;
  const sqlite: DialectTarget = {
    name: 'SQLite',
    newDatabaseUrl: () => Promise.resolve(`sqlite:${path.join(tempDir, `db-${++counter}`, 'portal.sqlite')}`),
  };
  const postgres = wanted
    ? await getTestPostgres()
    : { pg: null, reason: 'not needed by this file', quiet: true as const };
  if (postgres.pg === null && !('quiet' in postgres)) {
    console.warn(`[portal tests] PostgreSQL tests skipped: ${postgres.reason}`);
  }
  const server = postgres.pg;
  return {
    targets: server
      ? [sqlite, { name: 'PostgreSQL', newDatabaseUrl: () => server.createDatabase() }]
      : [sqlite],
    postgresSkipReason: postgres.reason,
    async cleanup() {
      await server?.stop();
      fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Opens a fresh, empty database of the target (not migrated). */
export async function openFreshDatabase(target: DialectTarget): Promise<PortalDatabaseHandle> {
  return openDatabase(parseDatabaseUrl(await target.newDatabaseUrl(), process.cwd()));
}

/** Log lines written by the portal during a test, parsed. */
export type LogCapture = {
  lines: Record<string, unknown>[];
  raw(): string;
};

export function captureLogs(): { capture: LogCapture; stream: { write(line: string): void } } {
  const chunks: string[] = [];
  const capture: LogCapture = {
    get lines() {
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    raw: () => chunks.join(''),
  };
  return { capture, stream: { write: (line: string) => void chunks.push(line) } };
}

export type TestPortal = {
  url: string;
  app: Hono<PortalEnv>;
  database: PortalDatabaseHandle;
  server: RunningServer;
  logs: LogCapture;
  stop(): Promise<void>;
};

/**
 * The real portal app on a fresh, migrated database of the target, served over HTTP on 127.0.0.1 at a
 * random port. `addRoutes` lets a test mount routes of its own (a handler that throws, a JSON echo)
 * after the app is built, the way a feature module would be; `env` adds PORTAL_* variables.
 */
export async function startTestPortal(
  target: DialectTarget,
  addRoutes?: (app: Hono<PortalEnv>) => void,
  env: Record<string, string> = {},
): Promise<TestPortal> {
  const { config } = loadConfig({
    PORTAL_DATABASE_URL: await target.newDatabaseUrl(),
    PORTAL_PORT: '0',
    PORTAL_LOG_LEVEL: 'info',
    ...env,
  });
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  const { capture, stream } = captureLogs();
  const app = createApp({
    config,
    db: database.db,
    logger: createLogger('info', stream),
    version: 'test-version',
  });
  addRoutes?.(app);
  const server = await startServer(app, { host: '127.0.0.1', port: 0 });
  return {
    url: server.url,
    app,
    database,
    server,
    logs: capture,
    async stop() {
      await server.close(1000);
      await database.close();
    },
  };
}
