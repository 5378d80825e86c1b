import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { PortalDatabaseHandle } from '../../../src-portal/db/database';
import { parseDatabaseUrl } from '../../../src-portal/db/database-url';
import {
  MigrationError,
  appliedMigrations,
  migrateToLatest,
  migrationTable,
} from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import { portalMigrations } from '../../../migrations/portal/index';
import { dialectTargets, openFreshDatabase } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

const migrationsDir = fileURLToPath(new URL('../../../migrations/portal', import.meta.url));

/** Every table of the database, bookkeeping included, sorted. */
async function tableNames(handle: PortalDatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((table) => table.name).sort();
}

async function withDatabase<T>(
  target: (typeof targets)[number],
  work: (handle: PortalDatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openFreshDatabase(target);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

describe.each(targets.map((target) => [target.name, target] as const))(
  'portal migrations on %s',
  (_, target) => {
    it('creates the schema from an empty database and records when', async () => {
      await withDatabase(target, async (handle) => {
        const before = Date.now();
        const outcome = await migrateToLatest(handle.db);
        expect(outcome.applied).toEqual(Object.keys(portalMigrations));
        expect(await appliedMigrations(handle.db)).toEqual(Object.keys(portalMigrations));
        // Each feature's tests check its own tables; here, the first one and Kysely's bookkeeping.
        expect(await tableNames(handle)).toEqual(
          expect.arrayContaining(['portal_meta', 'portal_migration', 'portal_migration_lock']),
        );
        const rows = await handle.db.selectFrom('portal_meta').selectAll().execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.key).toBe('schema_created_at');
        expect(rows[0]!.value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(rows[0]!.value)).toBeGreaterThanOrEqual(before - 1000);
      });
    });

    it('changes nothing when run again', async () => {
      await withDatabase(target, async (handle) => {
        await migrateToLatest(handle.db);
        const first = await handle.db.selectFrom('portal_meta').selectAll().execute();
        expect((await migrateToLatest(handle.db)).applied).toEqual([]);
        expect((await migrateToLatest(handle.db)).applied).toEqual([]);
        expect(await handle.db.selectFrom('portal_meta').selectAll().execute()).toEqual(first);
      });
    });

    it('refuses, untouched, a database created by a newer version of the portal', async () => {
      await withDatabase(target, async (handle) => {
        await migrateToLatest(handle.db);
        // What a newer portal would have left: a migration this one has never heard of.
        await sql`insert into ${sql.table(migrationTable)} (name, timestamp) values ('9999_from_the_future', ${new Date().toISOString()})`.execute(
          handle.db,
        );
        const attempt = migrateToLatest(handle.db);
        await expect(attempt).rejects.toBeInstanceOf(MigrationError);
        await expect(attempt).rejects.toThrow(
          'The portal database was created by a newer version of the portal (unknown migrations: 9999_from_the_future); upgrade the portal instead of opening it with this one',
        );
        expect(await appliedMigrations(handle.db)).toEqual([
          ...Object.keys(portalMigrations),
          '9999_from_the_future',
        ]);
      });
    });

    it('applies all pending migrations in one transaction: a failing one leaves the database unchanged', async () => {
      await withDatabase(target, async (handle) => {
        const broken: Record<string, Migration> = {
          ...portalMigrations,
          '0002_creates_then_fails': {
            async up(db: Kysely<unknown>) {
              await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
              await sql`select * from no_such_table`.execute(db);
            },
          },
        };
        const attempt = migrateToLatest(handle.db, broken);
        await expect(attempt).rejects.toBeInstanceOf(MigrationError);
        await expect(attempt).rejects.toThrow(
          /^Migration 0002_creates_then_fails failed, the portal database was left unchanged: /,
        );
        // Neither 0001's table nor 0002's: only Kysely's (empty) bookkeeping tables remain.
        expect(await tableNames(handle)).toEqual(['portal_migration', 'portal_migration_lock']);
        expect(await appliedMigrations(handle.db)).toEqual([]);

        // The real migrations still apply afterwards.
        expect((await migrateToLatest(handle.db)).applied).toEqual(Object.keys(portalMigrations));
      });
    });
  },
);

// Several portal instances behind a load balancer share one PostgreSQL database and may start
// together; Kysely's advisory lock serialises their migrations. (Not run on SQLite: the portal is a
// single instance there, and two connections in one thread would deadlock on SQLite's lock since
// better-sqlite3 waits synchronously.)
describe.each(
  targets.filter((target) => target.name === 'PostgreSQL').map((target) => [target.name, target] as const),
)('portal migrations with several instances on %s', (_, postgres) => {
  it('lets two instances start on the same database at once: one migrates, the other finds it done', async () => {
    const url = await postgres.newDatabaseUrl();
    const first = await openDatabase(parseDatabaseUrl(url, process.cwd()));
    const second = await openDatabase(parseDatabaseUrl(url, process.cwd()));
    try {
      const outcomes = await Promise.all([migrateToLatest(first.db), migrateToLatest(second.db)]);
      expect(outcomes.map((outcome) => outcome.applied).sort()).toEqual([[], Object.keys(portalMigrations)]);
      expect(await first.db.selectFrom('portal_meta').select('key').execute()).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

if (postgresSkipReason !== undefined) {
  describe.skip(`portal migrations on PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}

describe('portal SQLite database settings', () => {
  it('opens SQLite in WAL mode with foreign keys on and a busy timeout', async () => {
    const sqlite = targets.find((target) => target.name === 'SQLite')!;
    await withDatabase(sqlite, async (handle) => {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0] as unknown;
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    });
  });
});

describe('the migration list', () => {
  const files = fs
    .readdirSync(migrationsDir)
    .filter((file) => file !== 'index.ts' && file.endsWith('.ts'))
    .sort();

  it('lists every migration file, numbered from 0001 without gaps, under its file name', () => {
    const names = files.map((file) => file.replace(/\.ts$/, ''));
    expect(Object.keys(portalMigrations)).toEqual(names);
    names.forEach((name, index) => {
      expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
      expect(Number(name.slice(0, 4))).toBe(index + 1);
    });
  });

  it('keeps migrations frozen: they import nothing but kysely', () => {
    for (const file of files) {
      const source = fs.readFileSync(path.join(migrationsDir, file), 'utf8');
      const imports = [...source.matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map(
        (match) => match[1],
      );
      expect(
        imports.every((specifier) => specifier === 'kysely'),
        `${file} imports ${imports.join(', ')}`,
      ).toBe(true);
    }
  });
});
