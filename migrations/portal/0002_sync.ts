import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * 0002 — the sync engine's tables on the portal side.
 *
 * - `families`: the office's families as the portal may show them (`data` is the JSON
 *   `PortalFamilyRecord`), keyed by the office's family id. `email` (normalised, unique) and
 *   `portal_access` / `invitation_id` are copied out of `data` so logins and invitations are found by
 *   index. `version` is the office's version: a pushed record is kept only when newer.
 * - `portal_settings`: the office's settings the portal needs (one row, id 'settings').
 * - `sync_tombstones`: the version at which the office deleted a record, so that a replayed older
 *   push cannot bring a deleted family (and its personal data) back.
 * - `events`: the parent actions the office pulls, in `seq` order. `seq` is an auto-increment integer
 *   (SQLite `AUTOINCREMENT`: never reused; PostgreSQL identity column), `id` the event's uuid.
 *
 * Instants are UTC ISO-8601 text. Frozen: describes the schema as it was when written; never imports
 * app code.
 */
type SchemaAt0002 = {
  families: {
    id: number;
    email: string | null;
    portal_access: string;
    invitation_id: string | null;
    version: number;
    data: string;
    last_applied_event_seq: number;
    updated_at: string;
  };
  portal_settings: { id: string; version: number; data: string; updated_at: string };
  sync_tombstones: { entity: string; entity_id: string; version: number; deleted_at: string };
  events: {
    seq: number;
    id: string;
    type: string;
    family_id: number | null;
    payload: string;
    occurred_at: string;
  };
};

export async function up(db: Kysely<SchemaAt0002>): Promise<void> {
  await db.schema
    .createTable('families')
    .addColumn('id', 'integer', (column) => column.primaryKey())
    .addColumn('email', 'text', (column) => column.unique())
    .addColumn('portal_access', 'text', (column) => column.notNull())
    .addColumn('invitation_id', 'text')
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .addColumn('last_applied_event_seq', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('portal_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('sync_tombstones')
    .addColumn('entity', 'text', (column) => column.notNull())
    .addColumn('entity_id', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('deleted_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('sync_tombstones_pk', ['entity', 'entity_id'])
    .execute();

  // The one statement that differs between the engines: an integer key the database assigns in
  // increasing order. `integer` (not bigint) on PostgreSQL so the driver returns a JS number.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('events')
    .addColumn('seq', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('id', 'text', (column) => column.notNull().unique())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('family_id', 'integer')
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('occurred_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('events_family').on('events').columns(['family_id', 'seq']).execute();
}
