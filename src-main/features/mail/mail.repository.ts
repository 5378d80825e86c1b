import type { Kysely, Selectable, Transaction } from 'kysely';
import type { MailState } from '../../../src-shared/api/mail.contract';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export type MailRow = Selectable<OfficeDatabase['mail_queue']>;

/**
 * Takes up to `limit` due queued messages for sending: in the same transaction, each gets one more
 * attempt and is pushed `leaseUntil` into the future, so that no other pass (a nudge arriving
 * meanwhile, another process on the same file) takes it while it is being sent. If the office stops
 * in the middle of a send, the message is simply tried again when the lease ends.
 */
export async function claimDueMessages(
  trx: Transaction<OfficeDatabase>,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<MailRow[]> {
  const due = await trx
    .selectFrom('mail_queue')
    .selectAll()
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  await trx
    .updateTable('mail_queue')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .where('state', '=', 'queued')
    .execute();
  return due.map((row) => ({ ...row, attempts: row.attempts + 1, next_attempt_at: leaseUntil }));
}

export async function markSent(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ state: 'sent', sent_at: at, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markRetry(db: Db, id: number, error: string, nextAttemptAt: string): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ state: 'failed', last_error: error })
    .where('id', '=', id)
    .execute();
}

/** Queued messages waiting for a later attempt become due now (the SMTP settings just changed). */
export async function makeQueuedDue(db: Db, now: string): Promise<void> {
  await db
    .updateTable('mail_queue')
    .set({ next_attempt_at: now })
    .where('state', '=', 'queued')
    .where('next_attempt_at', '>', now)
    .execute();
}

export async function listMessages(
  db: Db,
  query: { state?: MailState | undefined; beforeId?: number | undefined; limit: number },
): Promise<{ rows: MailRow[]; hasMore: boolean }> {
  let q = db
    .selectFrom('mail_queue')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  const rows = await q.execute();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

export async function countByState(db: Db): Promise<Record<MailState, number>> {
  const rows = await db
    .selectFrom('mail_queue')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: Record<MailState, number> = { queued: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}

/** The copies made of each of `ids` by "Renvoyer", oldest first. */
export async function resendsOf(db: Db, ids: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom('mail_queue')
    .select(['id', 'resent_from'])
    .where('resent_from', 'in', ids)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.resent_from === null) continue;
    map.set(row.resent_from, [...(map.get(row.resent_from) ?? []), row.id]);
  }
  return map;
}

export async function findMessage(db: Db, id: number): Promise<MailRow | undefined> {
  return db.selectFrom('mail_queue').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Queues a copy of a message, due now, pointing at the original. */
export async function insertCopy(db: Db, original: MailRow, at: string): Promise<MailRow> {
  return db
    .insertInto('mail_queue')
    .values({
      to_address: original.to_address,
      subject: original.subject,
      text_body: original.text_body,
      html_body: original.html_body,
      kind: original.kind,
      state: 'queued',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
      resent_from: original.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a message sent (or refused) at once, outside the queue: the test message. */
export async function insertDirect(
  db: Db,
  mail: { to: string; subject: string; text: string; html: string; kind: string },
  outcome: { at: string; error: string | null },
): Promise<void> {
  await db
    .insertInto('mail_queue')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      kind: mail.kind,
      state: outcome.error === null ? 'sent' : 'failed',
      attempts: 1,
      next_attempt_at: outcome.at,
      last_error: outcome.error,
      created_at: outcome.at,
      sent_at: outcome.error === null ? outcome.at : null,
    })
    .execute();
}
