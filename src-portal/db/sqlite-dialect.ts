import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Kysely's SQLite dialect with two corrections for the portal:
 *
 * - **Transactional DDL.** Kysely's `SqliteAdapter` reports `supportsTransactionalDdl = false`, so its
 *   `Migrator` would run SQLite migrations outside any transaction and a failing migration would leave
 *   the ones before it half-applied. SQLite does run `CREATE`/`ALTER`/`DROP` inside transactions, so we
 *   say so, and all pending migrations run in one transaction as on PostgreSQL (tested). Caveat for
 *   future migrations: `PRAGMA foreign_keys` cannot change inside a transaction; a table rebuild uses
 *   `PRAGMA defer_foreign_keys = ON` instead.
 * - **`BEGIN IMMEDIATE`.** A deferred transaction that reads then writes can fail at once with
 *   SQLITE_BUSY when another process (a backup, a maintenance script) holds the write lock, whatever the
 *   busy timeout. Taking the write lock at `BEGIN` makes such a transaction wait instead. The portal has
 *   a single connection to SQLite, so nothing is lost in concurrency.
 */
export class PortalSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
