import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config';

/** One message as the worker hands it to SMTP. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/**
 * Sends one message or throws. A thrown error may carry `responseCode` (the SMTP reply code, e.g.
 * 550) and `response` (the server's reply line), which decide between retrying and failing.
 */
export type MailSender = { send(mail: OutgoingMail): Promise<void>; close(): void };

/** A nodemailer SMTP transport with bounded timeouts (a stuck relay must not hold the worker). */
export function createSmtpSender(config: SmtpConfig): MailSender {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.password } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Tells mail servers and auto-responders this is an automatic message (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close() {
      transport.close();
    },
  };
}
