import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ParentSessionTable, PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;
export type ParentSessionRow = Selectable<ParentSessionTable>;

export async function insertSession(db: Db, session: ParentSessionRow): Promise<void> {
  await db.insertInto('parent_sessions').values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<ParentSessionRow | undefined> {
  return db.selectFrom('parent_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('parent_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('parent_sessions').where('id', '=', id).execute();
}

/** Ends every session of the family (logged out everywhere). */
export async function deleteFamilySessions(db: Db, familyId: number): Promise<void> {
  await db.deleteFrom('parent_sessions').where('family_id', '=', familyId).execute();
}

/** Housekeeping: sessions past their absolute lifetime, or idle since before `idleSince`. */
export async function deleteDeadSessions(db: Db, now: string, idleSince: string): Promise<void> {
  await db
    .deleteFrom('parent_sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
    .execute();
}
