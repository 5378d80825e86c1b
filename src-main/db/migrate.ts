import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Forward-only SQL migrations for the office database. Files are `NNNN_name.sql` in one folder; all
 * pending ones run in a single transaction (SQLite DDL is transactional), so a crash mid-way leaves
 * the database exactly as it was before. A copy of the file is taken first. A database that has
 * applied a migration this version does not know was written by a newer version and is refused.
 */

export type MigrationFile = { name: string; sql: string };

export class NewerDatabaseError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `Cette base de données a été créée par une version plus récente de Portail Famille ALP ` +
        `(migrations inconnues : ${unknownMigrations.join(', ')}). Installez la dernière version de ` +
        `l’application ; la base n’a pas été modifiée. / This database was created by a newer version.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function readMigrations(folder: string): MigrationFile[] {
  const names = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<string>();
  return names.map((file) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
    const number = match[1] as string;
    if (seen.has(number)) throw new Error(`Two migrations share the number ${number}`);
    seen.add(number);
    return { name: file.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(folder, file), 'utf8') };
  });
}

export type MigrationReport = { applied: string[]; backupFile: string | null; schemaVersion: string };

export function migrate(
  db: Database.Database,
  migrations: MigrationFile[],
  opts: { backupDir?: string; now?: () => Date; onStart?: (pending: string[]) => void } = {},
): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = (
    db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]
  ).map((r) => r.name);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new NewerDatabaseError(unknown);

  const done = new Set(applied);
  const pending = migrations.filter((m) => !done.has(m.name));
  const schemaVersion = (list: string[]) => list.at(-1) ?? 'none';
  if (pending.length === 0) return { applied: [], backupFile: null, schemaVersion: schemaVersion(applied) };

  const now = (opts.now ?? (() => new Date()))();
  let backupFile: string | null = null;
  if (applied.length > 0 && opts.backupDir) {
    fs.mkdirSync(opts.backupDir, { recursive: true });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(opts.backupDir, `office-before-${pending[0]!.name}-${stamp}.sqlite`);
    db.prepare('VACUUM INTO ?').run(backupFile);
  }

  opts.onStart?.(pending.map((m) => m.name));
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.name, now.toISOString());
    }
  })();
  return {
    applied: pending.map((m) => m.name),
    backupFile,
    schemaVersion: schemaVersion(migrations.map((m) => m.name)),
  };
}
