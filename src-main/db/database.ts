import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, readMigrations, type MigrationReport } from './migrate';
import type { OfficeDatabase } from './schema';

export type OfficeDb = Kysely<OfficeDatabase>;

export type OpenedDatabase = {
  db: OfficeDb;
  sqlite: Database.Database;
  file: string;
  migration: MigrationReport;
  close: () => Promise<void>;
};

/**
 * Opens (creating if needed) the office database in `dataDir`, in WAL mode with foreign keys on,
 * and brings its schema up to date. `nativeBinding` lets the Electron shell load a better-sqlite3
 * build made for Electron's ABI while Node (tests, browser mode) uses the default one.
 */
export function openOfficeDatabase(opts: {
  dataDir: string;
  migrationsDir: string;
  nativeBinding?: string;
  onMigrationStart?: (pending: string[]) => void;
}): OpenedDatabase {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'office.sqlite');
  const sqlite = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const migration = migrate(sqlite, readMigrations(opts.migrationsDir), {
      backupDir: path.join(opts.dataDir, 'backups'),
      ...(opts.onMigrationStart ? { onStart: opts.onMigrationStart } : {}),
    });
    const db = new Kysely<OfficeDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, sqlite, file, migration, close: () => db.destroy() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
