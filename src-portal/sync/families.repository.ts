import type { Kysely, Selectable, Transaction } from 'kysely';
import { type PortalFamilyRecord, portalFamilyRecordSchema } from '../../src-shared/sync/protocol';
import type { FamilyTable, PortalDatabase } from '../db/database';
import { isOneOf } from '../db/one-of';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;

/** A family the office pushed, as the portal keeps it, with the office's version of the record. */
export type StoredFamily = { family: PortalFamilyRecord; version: number; updatedAt: string };

function toStoredFamily(row: Pick<Selectable<FamilyTable>, 'data' | 'version' | 'updated_at'>): StoredFamily {
  // Parsed, not cast: the JSON came through the sync schema, but a row is only trusted as far as
  // the schema of the code reading it.
  return {
    family: portalFamilyRecordSchema.parse(JSON.parse(row.data)),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The family with the office's id `id`, or null when the portal has none (never pushed, deleted). */
export async function findFamilyById(db: Db, id: number): Promise<StoredFamily | null> {
  const row = await db
    .selectFrom('families')
    .select(['data', 'version', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : toStoredFamily(row);
}

/**
 * The family whose portal e-mail is `email`, or null. `email` must already be normalised with the
 * shared `normalizeEmail` (the column holds normalised addresses only).
 */
export async function findFamilyByEmail(db: Db, email: string): Promise<StoredFamily | null> {
  const row = await db
    .selectFrom('families')
    .select(['data', 'version', 'updated_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row === undefined ? null : toStoredFamily(row);
}

/** A stored family as the push needs it: its version, indexed e-mail and record (JSON, parsed when needed). */
export type FamilyVersionRow = { id: number; version: number; email: string | null; data: string };

/**
 * In one statement, the stored rows of the families `ids` and of the families holding one of
 * `emails` (those that exist): what a push must know before it writes.
 */
export async function findFamilyRows(
  trx: Transaction<PortalDatabase>,
  ids: number[],
  emails: string[],
): Promise<FamilyVersionRow[]> {
  if (ids.length === 0 && emails.length === 0) return [];
  return trx
    .selectFrom('families')
    .select(['id', 'version', 'email', 'data'])
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [isOneOf(trx, 'id', ids)] : []),
        ...(emails.length > 0 ? [isOneOf(trx, 'email', emails)] : []),
      ]),
    )
    .execute();
}

/** Parses a stored family JSON (written by `upsertFamilies` after validation). */
export function parseStoredFamily(data: string): PortalFamilyRecord {
  return portalFamilyRecordSchema.parse(JSON.parse(data));
}

/**
 * Frees `emails` from the families holding them, before `upsertFamilies` gives them to their new
 * holders (the unique index would refuse the newer record meanwhile). The office enforces one e-mail
 * per family at every commit, so a family still holding one of them either is in the same batch
 * (and gets its new e-mail right after) or has a stale record whose change the office pushes later.
 * A stale family keeps its old e-mail in its JSON until its own update arrives, but can no longer be
 * found (nor log in) by that address.
 */
export async function releaseEmails(trx: Transaction<PortalDatabase>, emails: string[]): Promise<void> {
  if (emails.length === 0) return;
  await trx
    .updateTable('families')
    .set({ email: null })
    .where(isOneOf(trx, 'email', emails))
    .execute();
}

/**
 * A family row to store: `dataJson` is the record's JSON (the text received, validated), `email` the
 * indexed copy (null when another family keeps the address).
 */
export type FamilyRowToStore = {
  family: PortalFamilyRecord;
  dataJson: string;
  email: string | null;
  version: number;
};

/** Inserts or replaces the families, in one statement per 500 rows. */
export async function upsertFamilies(
  trx: Transaction<PortalDatabase>,
  rows: FamilyRowToStore[],
  now: Date,
): Promise<void> {
  const updatedAt = now.toISOString();
  for (let start = 0; start < rows.length; start += 500) {
    const values = rows.slice(start, start + 500).map(({ family, dataJson, email, version }) => ({
      id: family.id,
      email,
      portal_access: family.portalAccess,
      invitation_id: family.invitationId,
      version,
      data: dataJson,
      last_applied_event_seq: family.lastAppliedEventSeq,
      updated_at: updatedAt,
    }));
    await trx
      .insertInto('families')
      .values(values)
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          portal_access: eb.ref('excluded.portal_access'),
          invitation_id: eb.ref('excluded.invitation_id'),
          version: eb.ref('excluded.version'),
          data: eb.ref('excluded.data'),
          last_applied_event_seq: eb.ref('excluded.last_applied_event_seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function deleteFamilies(trx: Transaction<PortalDatabase>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('families')
    .where(isOneOf(trx, 'id', ids))
    .execute();
}
