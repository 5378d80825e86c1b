import type { Kysely } from 'kysely';

/**
 * 0008 — `pending_changes`: what a parent changed on "Ma famille" (phones, address, authorised pick-up
 * people) and the office has not applied yet. One row per `profile.updated` event (`event_id`,
 * `event_seq` from the portal's event log); `kind` says which part of the family it changes and `data`
 * holds the submitted values (JSON). A row is deleted when a family record arrives from the office
 * whose `lastAppliedEventSeq` reaches `event_seq`.
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0008 = {
  pending_changes: {
    event_id: string;
    family_id: number;
    kind: string;
    data: string;
    event_seq: number;
    created_at: string;
  };
};

export async function up(db: Kysely<SchemaAt0008>): Promise<void> {
  await db.schema
    .createTable('pending_changes')
    .addColumn('event_id', 'text', (column) => column.primaryKey())
    .addColumn('family_id', 'integer', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .addColumn('event_seq', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('pending_changes_family_seq')
    .on('pending_changes')
    .columns(['family_id', 'event_seq'])
    .execute();
}
