import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export type AccountRequestRow = Selectable<OfficeDatabase['account_requests']>;

/** Stores a request once per portal event (a replayed event changes nothing). */
export async function insertAccountRequest(
  db: Db,
  row: Insertable<OfficeDatabase['account_requests']>,
): Promise<AccountRequestRow | undefined> {
  return db
    .insertInto('account_requests')
    .values(row)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findAccountRequest(db: Db, id: number): Promise<AccountRequestRow | undefined> {
  return db.selectFrom('account_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pending requests oldest first (the inbox is worked in order); handled ones newest first. */
export function listAccountRequests(
  db: Db,
  query: { handled: boolean; cursor?: number | undefined; limit: number },
): Promise<AccountRequestRow[]> {
  let q = db.selectFrom('account_requests').selectAll();
  if (query.handled) {
    q = q.where('status', '!=', 'pending').orderBy('id', 'desc');
    if (query.cursor !== undefined) q = q.where('id', '<', query.cursor);
  } else {
    q = q.where('status', '=', 'pending').orderBy('id', 'asc');
    if (query.cursor !== undefined) q = q.where('id', '>', query.cursor);
  }
  return q.limit(query.limit).execute();
}

export async function updateAccountRequest(
  db: Db,
  id: number,
  changes: Updateable<OfficeDatabase['account_requests']>,
): Promise<AccountRequestRow> {
  return db
    .updateTable('account_requests')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countPendingAccountRequests(db: Db): Promise<number> {
  const row = await db
    .selectFrom('account_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Families by portal e-mail, for the "Adresse déjà connue" flag of a page of requests. */
export function familyIdsByEmail(
  db: Db,
  emails: string[],
): Promise<Array<{ id: number; email: string | null }>> {
  if (emails.length === 0) return Promise.resolve([]);
  return db.selectFrom('families').select(['id', 'email']).where('email', 'in', emails).execute();
}
