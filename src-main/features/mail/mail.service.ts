import type { MailMessage, MailMessageDetail, MailState } from '../../../src-shared/api/mail.contract';
import { AppError } from '../../../src-shared/result';
import type { OfficeContext } from '../../context';
import { insertAuditEntry, type AuditActor } from '../audit/audit.repository';
import { getCommuneName } from '../settings/settings.repository';
import { readSmtpSettings } from './mail-settings.service';
import { testEmail } from '../../../src-shared/mail/templates';
import {
  countByState,
  findMessage,
  insertCopy,
  insertDirect,
  listMessages,
  resendsOf,
  type MailRow,
} from './mail.repository';
import { describeSmtpFailure, sendWith } from './smtp';

function toMailMessage(row: MailRow, resentAs: number[]): MailMessage {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at : null,
    resentFrom: row.resent_from,
    resentAs,
  };
}

export async function listMail(
  ctx: OfficeContext,
  query: { state?: MailState | undefined; beforeId?: number | undefined; limit: number },
) {
  const [{ rows, hasMore }, counts, smtp] = await Promise.all([
    listMessages(ctx.db, query),
    countByState(ctx.db),
    readSmtpSettings(ctx.db),
  ]);
  const copies = await resendsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    messages: rows.map((row) => toMailMessage(row, copies.get(row.id) ?? [])),
    hasMore,
    counts,
    smtpConfigured: smtp !== null,
  };
}

async function requireMessage(ctx: OfficeContext, id: number): Promise<MailRow> {
  const row = await findMessage(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Ce message n’existe pas.');
  return row;
}

/** One message with its text (never its HTML, which the office does not render). */
export async function getMail(ctx: OfficeContext, id: number): Promise<MailMessageDetail> {
  const row = await requireMessage(ctx, id);
  const copies = await resendsOf(ctx.db, [row.id]);
  return { ...toMailMessage(row, copies.get(row.id) ?? []), text: row.text_body };
}

/** "Renvoyer": queues a copy of a sent or failed message, audited; the original stays as it was. */
export async function resendMail(ctx: OfficeContext, actor: AuditActor, id: number): Promise<MailMessage> {
  const at = ctx.now().toISOString();
  const copy = await ctx.db.transaction().execute(async (trx) => {
    const original = await findMessage(trx, id);
    if (!original) throw new AppError('not_found', 'Ce message n’existe pas.');
    if (original.state === 'queued') {
      throw new AppError('conflict', 'Ce message est encore en attente d’envoi : inutile de le renvoyer.');
    }
    const inserted = await insertCopy(trx, original, at);
    await insertAuditEntry(trx, {
      at,
      actor,
      action: 'mail.resent',
      target: original.to_address,
      details: { messageId: original.id, copyId: inserted.id, subject: original.subject },
    });
    return inserted;
  });
  ctx.mail.nudge();
  return toMailMessage(copy, []);
}

/**
 * Sends a test message at once with the saved settings, so the administrator reads the server's
 * answer on the spot; it is recorded in the history like any message, and audited.
 */
export async function sendTestMail(
  ctx: OfficeContext,
  actor: AuditActor,
  to: string,
): Promise<{ to: string }> {
  const settings = await readSmtpSettings(ctx.db);
  if (!settings) {
    throw new AppError('conflict', 'Enregistrez d’abord les paramètres du serveur d’envoi.');
  }
  const content = testEmail({
    communeName: (await getCommuneName(ctx.db)) ?? '',
    server: `${settings.host}:${settings.port}`,
  });
  let error: string | null = null;
  try {
    await sendWith(ctx.mail.transporterFor(settings), settings, { to, ...content });
  } catch (e) {
    error = describeSmtpFailure(e, settings);
  }
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await insertDirect(trx, { to, ...content, kind: 'test' }, { at, error });
    await insertAuditEntry(trx, {
      at,
      actor,
      action: 'mail.test_sent',
      target: to,
      details: { server: `${settings.host}:${settings.port}`, delivered: error === null },
    });
  });
  ctx.broadcast('mail.changed', {});
  if (error !== null) throw new AppError('unavailable', `L’e-mail de test n’est pas parti. ${error}`);
  return { to };
}
