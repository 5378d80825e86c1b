import type { Kysely, Transaction } from 'kysely';
import type { MailContent } from '../../../src-shared/mail/templates';
import type { OfficeDatabase } from '../../db/schema';

const queuedListeners = new Set<() => void>();

/**
 * Calls `listener` soon after any message is queued (the mail worker's nudge). The listener runs on
 * a later tick, when the queuing transaction has committed or is about to: a query it makes waits
 * for the database connection that transaction holds. Returns the unsubscribe function.
 */
export function onMailQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

/**
 * Stores an e-mail to send. Call it with the transaction of the change that causes it, so a
 * message exists if and only if the change committed; the mail worker sends it afterwards, with
 * retries, and its state is visible in the office.
 */
export async function enqueueMail(
  db: Kysely<OfficeDatabase> | Transaction<OfficeDatabase>,
  mail: MailContent & { to: string; kind: string },
  at: string,
): Promise<number> {
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
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const listener of queuedListeners) setImmediate(listener);
  return row.id;
}
