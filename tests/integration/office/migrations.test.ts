import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openOfficeDatabase } from '../../../src-main/db/database';
import { NewerDatabaseError, readMigrations } from '../../../src-main/db/migrate';
import { OFFICE_MIGRATIONS, tempDir } from '../../support/office';

const SHIPPED = readMigrations(OFFICE_MIGRATIONS).map((m) => m.name);

/** A copy of the real migrations plus extra ones, in a temp folder. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir('alp-migrations-');
  for (const file of fs.readdirSync(OFFICE_MIGRATIONS))
    fs.copyFileSync(path.join(OFFICE_MIGRATIONS, file), path.join(dir, file));
  for (const [name, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

function appliedMigrations(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('office migrations', () => {
  it('build the schema from zero in WAL mode with foreign keys on, and a second start applies nothing', async () => {
    const dataDir = tempDir();
    const first = openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS });
    expect(first.migration.applied).toEqual(SHIPPED);
    expect(first.migration.backupFile).toBeNull();
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await first.close();
    const second = openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS });
    expect(second.migration.applied).toEqual([]);
    await second.close();
  });

  it('take a copy of the database before migrating an existing one', async () => {
    const dataDir = tempDir();
    await openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS }).close();
    const dir = migrationsWith({ '0999_add_note.sql': 'ALTER TABLE commune ADD COLUMN note TEXT;' });
    const opened = openOfficeDatabase({ dataDir, migrationsDir: dir });
    expect(opened.migration.applied).toEqual(['0999_add_note']);
    expect(opened.migration.backupFile).toMatch(/backups\/office-before-0999_add_note-.*\.sqlite$/);
    await opened.close();
    expect(appliedMigrations(opened.migration.backupFile!)).toEqual(SHIPPED);
  });

  it('refuse a database created by a newer version, without touching it', async () => {
    const dataDir = tempDir();
    const newer = migrationsWith({ '0999_future.sql': 'CREATE TABLE future (id INTEGER);' });
    await openOfficeDatabase({ dataDir, migrationsDir: newer }).close();
    expect(() => openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS })).toThrow(
      NewerDatabaseError,
    );
    expect(() => openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS })).toThrow(
      /version plus récente/,
    );
    expect(appliedMigrations(path.join(dataDir, 'office.sqlite'))).toEqual([...SHIPPED, '0999_future']);
  });

  it('roll back every pending migration when one fails', async () => {
    const dataDir = tempDir();
    const broken = migrationsWith({
      '0998_good.sql': 'CREATE TABLE good (id INTEGER);',
      '0999_bad.sql': 'CREATE TABLE bad (id INTEGER); INSERT INTO no_such_table VALUES (1);',
    });
    expect(() => openOfficeDatabase({ dataDir, migrationsDir: broken })).toThrow(/no_such_table/);
    const file = path.join(dataDir, 'office.sqlite');
    expect(tables(file)).toEqual(['schema_migrations']);
    expect(appliedMigrations(file)).toEqual([]);
  });

  it('leave a database that opens, as it was before, when the process is killed mid-migration', async () => {
    const dataDir = tempDir();
    await openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS }).close();
    // A migration long enough to be killed in the middle of: tens of millions of inserted rows.
    const slow = migrationsWith({
      '0999_slow.sql': `CREATE TABLE big (x INTEGER);
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000)
        INSERT INTO big SELECT x FROM c;`,
    });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./fixtures/migrate-child.ts', import.meta.url)),
        dataDir,
        slow,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('MIGRATING')) resolve();
      });
      child.once('exit', () => reject(new Error(`child exited before migrating: ${output}`)));
    });
    // Let it get well into the insert before pulling the plug.
    await new Promise((r) => setTimeout(r, 700));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(output).not.toContain('DONE');

    const reopened = openOfficeDatabase({ dataDir, migrationsDir: OFFICE_MIGRATIONS });
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.migration.applied).toEqual([]);
    await reopened.close();
    const file = path.join(dataDir, 'office.sqlite');
    expect(appliedMigrations(file)).toEqual(SHIPPED);
    expect(tables(file)).not.toContain('big');
  });
});
