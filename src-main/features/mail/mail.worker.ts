import type { Transporter } from 'nodemailer';
import { mailRetryDelayMs } from '../../../src-shared/mail/retry';
import type { OfficeContext } from '../../context';
import { readSmtpSettings } from './mail-settings.service';
import { onMailQueued } from './mail.queue';
import { claimDueMessages, markFailed, markRetry, markSent, type MailRow } from './mail.repository';
import {
  createSmtpTransport,
  describeSmtpFailure,
  isPermanentSmtpFailure,
  sendWith,
  type SmtpSettings,
} from './smtp';

/** How often the worker looks for due messages (retries), besides the nudge when one is queued. */
export const MAIL_POLL_MS = 10_000;
/** Messages taken per pass. */
const CLAIM_BATCH = 20;
/** How long a claimed message is kept from other passes: longer than nodemailer's timeouts together. */
const LEASE_MS = 5 * 60_000;

export type MailPass = { sent: number; retried: number; failed: number };

/**
 * Sends the queued messages: on a short interval and when a message is queued, one pass at a time.
 * Without SMTP settings it leaves everything queued. One nodemailer transport per settings version.
 */
export class MailWorker {
  private running: Promise<MailPass> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private transport: { key: string; transporter: Transporter } | null = null;
  private started = false;
  private closed = false;

  constructor(
    private readonly context: () => OfficeContext,
    private readonly opts: { pollMs?: number } = {},
  ) {}

  start(): void {
    this.started = true;
    this.unsubscribe = onMailQueued(() => this.nudge());
    this.timer = setInterval(() => this.nudge(), this.opts.pollMs ?? MAIL_POLL_MS);
    this.timer.unref();
    this.nudge();
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.dropTransport();
  }

  /** The SMTP settings changed: the next pass builds a new transport and sends what is due. */
  settingsChanged(): void {
    this.dropTransport();
    this.nudge();
  }

  /** Asks for a pass soon (once started); a pass already running is followed by one more. */
  nudge(): void {
    if (this.closed || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runPass().catch((error: unknown) => {
      if (!this.closed) this.context().log('error', 'mail: sending pass failed', error);
    });
  }

  /** One pass over the due messages; resolves when they have been tried. Joins a pass in progress. */
  runPass(): Promise<MailPass> {
    if (this.running) return this.running;
    this.again = false;
    this.running = this.sendDue().finally(() => {
      this.running = null;
      if (this.again && !this.closed) this.nudge();
    });
    return this.running;
  }

  /** A transport for these settings, made once and reused until they change. */
  transporterFor(settings: SmtpSettings): Transporter {
    const key = JSON.stringify(settings);
    if (this.transport?.key !== key) {
      this.dropTransport();
      this.transport = { key, transporter: createSmtpTransport(settings) };
    }
    return this.transport.transporter;
  }

  private dropTransport(): void {
    this.transport?.transporter.close();
    this.transport = null;
  }

  private async sendDue(): Promise<MailPass> {
    const ctx = this.context();
    const pass: MailPass = { sent: 0, retried: 0, failed: 0 };
    const settings = await readSmtpSettings(ctx.db);
    if (!settings) return pass;
    for (;;) {
      const now = ctx.now();
      const claimed = await ctx.db
        .transaction()
        .execute((trx) =>
          claimDueMessages(
            trx,
            now.toISOString(),
            new Date(now.getTime() + LEASE_MS).toISOString(),
            CLAIM_BATCH,
          ),
        );
      if (claimed.length === 0) break;
      for (const message of claimed) {
        if (this.closed) return pass;
        pass[await this.sendOne(ctx, settings, message)] += 1;
      }
      ctx.broadcast('mail.changed', {});
      if (claimed.length < CLAIM_BATCH) break;
    }
    return pass;
  }

  private async sendOne(
    ctx: OfficeContext,
    settings: SmtpSettings,
    message: MailRow,
  ): Promise<keyof MailPass> {
    try {
      await sendWith(this.transporterFor(settings), settings, {
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
      });
      await markSent(ctx.db, message.id, ctx.now().toISOString());
      return 'sent';
    } catch (error) {
      const reason = describeSmtpFailure(error, settings);
      if (isPermanentSmtpFailure(error)) {
        await markFailed(ctx.db, message.id, reason);
        return 'failed';
      }
      const delay = mailRetryDelayMs(message.attempts);
      if (delay === null) {
        await markFailed(ctx.db, message.id, `${reason} Abandon après ${message.attempts} tentatives.`);
        return 'failed';
      }
      await markRetry(ctx.db, message.id, reason, new Date(ctx.now().getTime() + delay).toISOString());
      return 'retried';
    }
  }
}
