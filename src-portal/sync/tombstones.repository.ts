import type { Transaction } from 'kysely';
import type { SyncEntity } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';
import { isOneOf } from '../db/one-of';

/** The versions at which the office deleted the records `ids` of `entity` (only those deleted). */
export async function findTombstones(
  trx: Transaction<PortalDatabase>,
  entity: SyncEntity,
  ids: string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('sync_tombstones')
    .select(['entity_id', 'version'])
    .where('entity', '=', entity)
    .where(isOneOf(trx, 'entity_id', ids))
    .execute();
  return new Map(rows.map((row) => [row.entity_id, row.version]));
}

/** Records (or moves forward) the deletion of each record at its version. */
export async function upsertTombstones(
  trx: Transaction<PortalDatabase>,
  entity: SyncEntity,
  deletions: Array<{ id: string; version: number }>,
  now: Date,
): Promise<void> {
  const deletedAt = now.toISOString();
  for (let start = 0; start < deletions.length; start += 500) {
    await trx
      .insertInto('sync_tombstones')
      .values(
        deletions
          .slice(start, start + 500)
          .map(({ id, version }) => ({ entity, entity_id: id, version, deleted_at: deletedAt })),
      )
      .onConflict((conflict) =>
        conflict.columns(['entity', 'entity_id']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          deleted_at: eb.ref('excluded.deleted_at'),
        })),
      )
      .execute();
  }
}

/** Forgets the deletions of records the office has re-created with a newer version. */
export async function deleteTombstones(
  trx: Transaction<PortalDatabase>,
  entity: SyncEntity,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('sync_tombstones')
    .where('entity', '=', entity)
    .where(isOneOf(trx, 'entity_id', ids))
    .execute();
}
