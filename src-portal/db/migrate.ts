import { type Kysely, type Migration, Migrator } from 'kysely';
import { portalMigrations } from '../../migrations/portal/index';
import { StartupError, describeError } from '../startup-error';

/** Kysely's bookkeeping tables, named after the portal so they read clearly in a shared server. */
export const migrationTable = 'portal_migration';
export const migrationLockTable = 'portal_migration_lock';

/** A database the app must not open: created by a newer version, or a migration that failed. */
export class MigrationError extends StartupError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 1, options);
    this.name = 'MigrationError';
  }
}

export type MigrationOutcome = {
  /** Names of the migrations this call applied, in order (empty when the schema was up to date). */
  applied: string[];
};

/**
 * Brings the database to the app's schema: every pending migration of `migrations/portal`, in name
 * order, all in one transaction (on SQLite too, see `PortalSqliteDialect`), so a failure leaves the
 * database exactly as it was. Several instances starting together on PostgreSQL are serialised by
 * Kysely's advisory lock. A database whose history names a migration this app does not know was
 * written by a newer version of the portal and is refused untouched.
 *
 * `migrations` is for tests (a failing migration); the app always uses the real list. The database's
 * type does not matter here: each migration works on the schema as it was at its time.
 */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration> = portalMigrations,
): Promise<MigrationOutcome> {
  await refuseDatabaseFromTheFuture(db, migrations);

  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: migrationTable,
    migrationLockTableName: migrationLockTable,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const detail = describeError(error);
    // Another, newer instance may have migrated between our check and the lock: same refusal.
    if (/previously executed migration .* is missing/.test(detail)) {
      await refuseDatabaseFromTheFuture(db, migrations);
    }
    throw new MigrationError(
      failed
        ? `Migration ${failed} failed, the portal database was left unchanged: ${detail}`
        : `Cannot migrate the portal database: ${detail}`,
      { cause: error },
    );
  }
  return { applied: results.filter((result) => result.status === 'Success').map((r) => r.migrationName) };
}

/** The names of the migrations already applied to this database, in name order. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === migrationTable)) return [];
  // The bookkeeping table is not part of PortalDatabase; address it untyped.
  const rows = await (db as unknown as Kysely<Record<typeof migrationTable, { name: string }>>)
    .selectFrom(migrationTable)
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((row) => row.name);
}

async function refuseDatabaseFromTheFuture<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
): Promise<void> {
  const unknown = (await appliedMigrations(db)).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new MigrationError(
      `The portal database was created by a newer version of the portal (unknown migrations: ${unknown.join(', ')}); ` +
        'upgrade the portal instead of opening it with this one',
    );
  }
}
