import type { Kysely, Selectable, Transaction } from 'kysely';
import type { MailQueueTable, PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;

export type QueuedMailRow = Selectable<MailQueueTable>;

export type NewMail = { to: string; kind: string; subject: string; text: string; html: string };

export async function insertMail(db: Db, mail: NewMail, at: string): Promise<number> {
  const row = await db
    .insertInto('mail_queue')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      kind: mail.kind,
      state: 'queued',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      claimed_until: null,
      claim_id: null,
      created_at: at,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Takes up to `limit` due messages for the worker `claimId` until `until`, and returns them. The
 * UPDATE re-checks `state` and the claim in its own WHERE: on PostgreSQL, a row another instance
 * claimed meanwhile is re-evaluated after its lock is released and no longer matches, so two
 * instances never hold the same message; on SQLite there is a single writer anyway.
 */
export async function claimDueMail(
  db: Kysely<PortalDatabase>,
  { claimId, now, until, limit }: { claimId: string; now: string; until: string; limit: number },
): Promise<QueuedMailRow[]> {
  await db
    .updateTable('mail_queue')
    .set({ claim_id: claimId, claimed_until: until })
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_queue')
        .select('id')
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .where((inner) => inner.or([inner('claimed_until', 'is', null), inner('claimed_until', '<=', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit),
    )
    .execute();
  return db
    .selectFrom('mail_queue')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('state', '=', 'queued')
    .orderBy('next_attempt_at')
    .orderBy('id')
    .execute();
}

/** What becomes of a claimed message after a try; ignored if the claim was lost (lease expired). */
export type MailOutcome =
  | { state: 'sent'; at: string }
  | { state: 'queued'; nextAttemptAt: string; error: string }
  | { state: 'failed'; error: string };

export async function settleClaimedMail(
  db: Kysely<PortalDatabase>,
  { id, claimId, attempts }: { id: number; claimId: string; attempts: number },
  outcome: MailOutcome,
): Promise<boolean> {
  const common = { attempts, claim_id: null, claimed_until: null };
  const values =
    outcome.state === 'sent'
      ? { ...common, state: 'sent' as const, sent_at: outcome.at, last_error: null }
      : outcome.state === 'queued'
        ? {
            ...common,
            state: 'queued' as const,
            next_attempt_at: outcome.nextAttemptAt,
            last_error: outcome.error,
          }
        : { ...common, state: 'failed' as const, last_error: outcome.error };
  const result = await db
    .updateTable('mail_queue')
    .set(values)
    .where('id', '=', id)
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Every message, newest first (tests and diagnostics). */
export async function listMail(db: Db): Promise<QueuedMailRow[]> {
  return db.selectFrom('mail_queue').selectAll().orderBy('id', 'desc').execute();
}
