import { randomUUID } from 'node:crypto';
import { isPermanentMailFailure, mailRetryDelayMs } from '../../src-shared/mail/retry';
import type { PortalDb } from '../db/database';
import type { Logger } from '../logger';
import { describeError } from '../startup-error';
import { type MailOutcome, claimDueMail, settleClaimedMail } from './mail.repository';
import type { MailSender } from './smtp-sender';

export type MailWorkerDeps = {
  db: PortalDb;
  /** null when no SMTP relay is configured: messages stay queued (and a warning is logged once). */
  sender: MailSender | null;
  logger: Logger;
  /** The current instant (tests move it forward to reach a retry). */
  now?: () => Date;
  /** Messages taken per run. */
  batchSize?: number;
  /** How long a claim protects a message from other instances; far above the SMTP timeouts. */
  leaseMs?: number;
};

export type MailWorker = {
  /** Sends the messages due now; resolves with what happened. Never runs twice at once. */
  runOnce(): Promise<{ sent: number; retried: number; failed: number }>;
  /** Runs every `intervalMs` until `stop()`. */
  start(intervalMs: number): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
};

/**
 * The portal's mail worker: takes due messages from `mail_queue` (safely when several instances
 * run), sends each over SMTP, then marks it sent, or queued again after the shared backoff
 * (`mailRetryDelayMs`), or failed with the reason when the server refuses for good (5xx) or the
 * tries are exhausted. Logs ids and kinds, never addresses or bodies.
 */
export function createMailWorker({
  db,
  sender,
  logger,
  now = () => new Date(),
  batchSize = 20,
  leaseMs = 5 * 60_000,
}: MailWorkerDeps): MailWorker {
  let running: Promise<{ sent: number; retried: number; failed: number }> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let warnedNoSmtp = false;

  async function run() {
    const counts = { sent: 0, retried: 0, failed: 0 };
    if (sender === null) {
      if (!warnedNoSmtp) {
        warnedNoSmtp = true;
        logger.warn('PORTAL_SMTP_HOST is not set: e-mails are queued but not sent until it is configured');
      }
      return counts;
    }
    const claimId = randomUUID();
    const start = now();
    const claimed = await claimDueMail(db, {
      claimId,
      now: start.toISOString(),
      until: new Date(start.getTime() + leaseMs).toISOString(),
      limit: batchSize,
    });
    for (const mail of claimed) {
      const attempts = mail.attempts + 1;
      let outcome: MailOutcome;
      try {
        await sender.send({
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
        });
        outcome = { state: 'sent', at: now().toISOString() };
        counts.sent++;
        logger.info({ mailId: mail.id, kind: mail.kind, attempts }, 'e-mail sent');
      } catch (error) {
        const reason = failureReason(error);
        const delay = mailRetryDelayMs(attempts);
        if (isPermanentMailFailure(responseCodeOf(error)) || delay === null) {
          outcome = { state: 'failed', error: reason };
          counts.failed++;
          logger.error(
            { mailId: mail.id, kind: mail.kind, attempts, reason: withoutAddresses(reason) },
            'e-mail failed for good',
          );
        } else {
          outcome = {
            state: 'queued',
            nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
            error: reason,
          };
          counts.retried++;
          logger.warn(
            {
              mailId: mail.id,
              kind: mail.kind,
              attempts,
              reason: withoutAddresses(reason),
              retryInMs: delay,
            },
            'e-mail not sent, will retry',
          );
        }
      }
      const settled = await settleClaimedMail(db, { id: mail.id, claimId, attempts }, outcome);
      if (!settled) logger.warn({ mailId: mail.id }, 'e-mail claim expired before the outcome was recorded');
    }
    return counts;
  }

  const worker: MailWorker = {
    runOnce() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    start(intervalMs) {
      if (timer !== undefined) return;
      const tick = () => {
        worker.runOnce().catch((error: unknown) => {
          // The database may be briefly unreachable: the next tick tries again.
          logger.error({ err: { message: describeError(error) } }, 'mail worker run failed');
        });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      sender?.close();
    },
  };
  return worker;
}

function responseCodeOf(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** The SMTP server's reply when there is one ("550 5.1.1 … unknown user"), else the error's message. */
function failureReason(error: unknown): string {
  const response = (error as { response?: unknown } | null)?.response;
  const text =
    typeof response === 'string' && response.trim() !== '' ? response.trim() : describeError(error);
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

/** SMTP replies often quote the recipient; the log keeps the reason, not the address. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[adresse]');
}
