import type { Kysely, Transaction } from 'kysely';
import type { MailContent } from '../../src-shared/mail/templates';
import type { PortalDatabase } from '../db/database';
import { insertMail } from './mail.repository';

/**
 * Stores an e-mail to send (`kind` names the template, e.g. 'invitation', 'password_reset'). Call it
 * with the transaction of the change that causes it, so a message exists if and only if the change
 * committed; the mail worker sends it afterwards, with retries. Returns the message's id.
 */
export async function enqueueMail(
  db: Kysely<PortalDatabase> | Transaction<PortalDatabase>,
  mail: MailContent & { to: string; kind: string },
  now: Date,
): Promise<number> {
  return insertMail(
    db,
    { to: mail.to, kind: mail.kind, subject: mail.subject, text: mail.text, html: mail.html },
    now.toISOString(),
  );
}
