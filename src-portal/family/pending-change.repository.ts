import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PendingChangeTable, PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;
export type PendingChangeRow = Selectable<PendingChangeTable>;

export async function insertPendingChange(
  trx: Transaction<PortalDatabase>,
  change: PendingChangeRow,
): Promise<void> {
  await trx.insertInto('pending_changes').values(change).execute();
}

/** The family's changes not yet applied by the office, oldest first (later ones win when shown). */
export async function listPendingChanges(db: Db, familyId: number): Promise<PendingChangeRow[]> {
  return db
    .selectFrom('pending_changes')
    .selectAll()
    .where('family_id', '=', familyId)
    .orderBy('event_seq')
    .execute();
}

/** Forgets the changes the office has applied: those up to its `lastAppliedEventSeq` for the family. */
export async function deleteAppliedChanges(
  trx: Transaction<PortalDatabase>,
  familyId: number,
  lastAppliedEventSeq: number,
): Promise<void> {
  await trx
    .deleteFrom('pending_changes')
    .where('family_id', '=', familyId)
    .where('event_seq', '<=', lastAppliedEventSeq)
    .execute();
}

export async function deleteFamilyPendingChanges(
  trx: Transaction<PortalDatabase>,
  familyId: number,
): Promise<void> {
  await trx.deleteFrom('pending_changes').where('family_id', '=', familyId).execute();
}
