import { expect } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Inbox = {
  port: number;
  received: ParsedMail[];
  /** Waits until `count` messages whose subject starts with `subject` arrived; returns the last. */
  waitFor: (subject: string, count?: number) => Promise<ParsedMail>;
  stop: () => Promise<void>;
};

/** A real SMTP server on loopback that keeps every message it is given, parsed. */
export async function startInbox(): Promise<Inbox> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const bySubject = (subject: string) => received.filter((mail) => mail.subject?.startsWith(subject));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    async waitFor(subject, count = 1) {
      await expect.poll(() => bySubject(subject).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(count);
      return bySubject(subject).at(-1)!;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The one-time link (activation or password reset) a portal e-mail carries. */
export function portalLink(mail: ParsedMail): string {
  const link = /(http:\/\/127\.0\.0\.1:\d+\/(?:activation|reinitialisation)\/[A-Za-z0-9_-]{43})/.exec(
    mail.text ?? '',
  );
  expect(link, mail.text).not.toBeNull();
  return link![1]!;
}
