import net from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src-portal/config';
import type { PortalDatabaseHandle } from '../../../src-portal/db/database';
import { parseDatabaseUrl } from '../../../src-portal/db/database-url';
import { migrateToLatest } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import { listMail } from '../../../src-portal/mail/mail.repository';
import { enqueueMail } from '../../../src-portal/mail/mail.queue';
import { createMailWorker } from '../../../src-portal/mail/mail.worker';
import { createSmtpSender } from '../../../src-portal/mail/smtp-sender';
import { ConfigError } from '../../../src-portal/startup-error';
import { createLogger } from '../../../src-portal/logger';
import { invitationEmail } from '../../../src-shared/mail/templates';
import { captureLogs, dialectTargets, openFreshDatabase } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

/** A real SMTP server on loopback that keeps what it receives, and can refuse recipients. */
type TestSmtp = { port: number; received: ParsedMail[]; close(): Promise<void> };

async function startSmtp(
  options: { port?: number; refuse?: (address: string) => { code: number; message: string } | null } = {},
): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (refusal) {
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as net.AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (for a relay that is down). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const FROM = 'Portail famille <no-reply@mairie.example>';
const smtpAt = (port: number) => ({ host: '127.0.0.1', port, secure: false, auth: undefined, from: FROM });
const invitation = () => ({
  ...invitationEmail({
    communeName: 'Lapalud',
    link: 'https://portail.example/activation/abc?x=1&y=<2>',
    expiresAt: '2026-12-04T17:30:00.000Z',
  }),
  to: 'helene.durand@example.fr',
  kind: 'invitation',
});

describe.each(targets.map((target) => [target.name, target] as const))(
  'portal mail queue on %s',
  (_, target) => {
    let handle: PortalDatabaseHandle;
    let clock: Date;
    const now = () => clock;

    beforeEach(async () => {
      handle = await openFreshDatabase(target);
      await migrateToLatest(handle.db);
      clock = new Date('2026-11-27T10:00:00.000Z');
      return () => handle.close();
    });

    async function enqueueInTransaction(mail = invitation()): Promise<number> {
      return handle.db.transaction().execute((trx) => enqueueMail(trx, mail, clock));
    }

    it('delivers a queued message over SMTP and marks it sent', async () => {
      const smtp = await startSmtp();
      const worker = createMailWorker({
        db: handle.db,
        sender: createSmtpSender(smtpAt(smtp.port)),
        logger: createLogger('silent'),
        now,
      });
      try {
        const id = await enqueueInTransaction();
        expect((await listMail(handle.db))[0]).toMatchObject({ id, state: 'queued', attempts: 0 });

        expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });

        expect(smtp.received).toHaveLength(1);
        const mail = smtp.received[0]!;
        expect(mail.subject).toBe('Votre accès au portail famille — Lapalud');
        expect(mail.from?.value).toEqual([{ name: 'Portail famille', address: 'no-reply@mairie.example' }]);
        expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text).toBe('helene.durand@example.fr');
        expect(mail.text).toContain('https://portail.example/activation/abc?x=1&y=<2>');
        expect(mail.html).toContain('https://portail.example/activation/abc?x=1&amp;y=&lt;2&gt;');
        expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

        const [row] = await listMail(handle.db);
        expect(row).toMatchObject({
          state: 'sent',
          attempts: 1,
          sent_at: clock.toISOString(),
          last_error: null,
          claim_id: null,
        });
        // Sent once only: a second run has nothing to do.
        expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect(smtp.received).toHaveLength(1);
      } finally {
        await worker.stop();
        await smtp.close();
      }
    });

    it('queues nothing when the transaction that asked for the message rolls back', async () => {
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await enqueueMail(trx, invitation(), clock);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await listMail(handle.db)).toEqual([]);
    });

    it('keeps a message queued while the SMTP server is down and sends it once the server is back', async () => {
      const port = await freePort();
      const worker = createMailWorker({
        db: handle.db,
        sender: createSmtpSender(smtpAt(port)),
        logger: createLogger('silent'),
        now,
      });
      let smtp: TestSmtp | undefined;
      try {
        await enqueueInTransaction();
        expect(await worker.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
        const [afterFailure] = await listMail(handle.db);
        expect(afterFailure).toMatchObject({
          state: 'queued',
          attempts: 1,
          next_attempt_at: '2026-11-27T10:01:00.000Z',
        });
        expect(afterFailure!.last_error).toMatch(/ECONNREFUSED/);

        smtp = await startSmtp({ port });
        // Not due yet: the backoff is respected even though the server is back.
        clock = new Date('2026-11-27T10:00:30.000Z');
        expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
        expect(smtp.received).toHaveLength(0);

        clock = new Date('2026-11-27T10:01:00.000Z');
        expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
        expect(smtp.received.map((mail) => mail.subject)).toEqual([
          'Votre accès au portail famille — Lapalud',
        ]);
        expect((await listMail(handle.db))[0]).toMatchObject({
          state: 'sent',
          attempts: 2,
          last_error: null,
        });
      } finally {
        await worker.stop();
        await smtp?.close();
      }
    });

    it('marks a message failed with the reason when the server rejects the recipient (550)', async () => {
      const smtp = await startSmtp({
        refuse: (address) =>
          address.startsWith('inconnu@') ? { code: 550, message: '5.1.1 Mailbox unavailable' } : null,
      });
      const { capture, stream } = captureLogs();
      const worker = createMailWorker({
        db: handle.db,
        sender: createSmtpSender(smtpAt(smtp.port)),
        logger: createLogger('info', stream),
        now,
      });
      try {
        await enqueueInTransaction({ ...invitation(), to: 'inconnu@example.fr' });
        await enqueueInTransaction();
        expect(await worker.runOnce()).toEqual({ sent: 1, retried: 0, failed: 1 });

        const rows = await listMail(handle.db);
        const refused = rows.find((row) => row.to_address === 'inconnu@example.fr')!;
        expect(refused).toMatchObject({ state: 'failed', attempts: 1, sent_at: null });
        expect(refused.last_error).toMatch(/^550\b.*Mailbox unavailable/);
        expect(rows.find((row) => row.to_address === 'helene.durand@example.fr')).toMatchObject({
          state: 'sent',
        });
        // Never retried.
        clock = new Date('2026-11-28T10:00:00.000Z');
        expect(await worker.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
        // The log says why, without the address nor the body.
        expect(capture.raw()).toContain('e-mail failed for good');
        expect(capture.raw()).not.toContain('inconnu@example.fr');
        expect(capture.raw()).not.toContain('activation/abc');
      } finally {
        await worker.stop();
        await smtp.close();
      }
    });

    it('retries a temporary refusal (451) with backoff, and gives up after the last try', async () => {
      const smtp = await startSmtp({ refuse: () => ({ code: 451, message: '4.3.0 Try again later' }) });
      const worker = createMailWorker({
        db: handle.db,
        sender: createSmtpSender(smtpAt(smtp.port)),
        logger: createLogger('silent'),
        now,
      });
      try {
        await enqueueInTransaction();
        const delays: number[] = [];
        for (let attempt = 1; attempt <= 20; attempt++) {
          await worker.runOnce();
          const [row] = await listMail(handle.db);
          if (row!.state !== 'queued') break;
          delays.push(Date.parse(row!.next_attempt_at) - clock.getTime());
          clock = new Date(row!.next_attempt_at);
        }
        const [row] = await listMail(handle.db);
        expect(row!.state).toBe('failed');
        expect(row!.last_error).toMatch(/^451\b/);
        expect(delays[0]).toBe(60_000);
        expect(delays).toEqual([...delays].sort((a, b) => a - b));
        expect(row!.attempts).toBe(delays.length + 1);
      } finally {
        await worker.stop();
        await smtp.close();
      }
    });

    it('keeps messages queued without an SMTP relay and warns once', async () => {
      const { capture, stream } = captureLogs();
      const worker = createMailWorker({
        db: handle.db,
        sender: null,
        logger: createLogger('info', stream),
        now,
      });
      await enqueueInTransaction();
      await worker.runOnce();
      await worker.runOnce();
      expect((await listMail(handle.db))[0]).toMatchObject({ state: 'queued', attempts: 0 });
      expect(capture.lines.filter((line) => String(line.msg).includes('PORTAL_SMTP_HOST'))).toHaveLength(1);
      await worker.stop();
    });

    it('sends each message once when several workers (instances) drain the queue together', async () => {
      const smtp = await startSmtp();
      // On PostgreSQL each worker gets its own connection pool on the same database, as separate
      // instances would; SQLite has one instance, whose workers share its connection.
      const url = await target.newDatabaseUrl();
      const first = await openDatabase(parseDatabaseUrl(url, process.cwd()));
      await migrateToLatest(first.db);
      const others =
        target.name === 'PostgreSQL'
          ? [
              await openDatabase(parseDatabaseUrl(url, process.cwd())),
              await openDatabase(parseDatabaseUrl(url, process.cwd())),
            ]
          : [];
      const dbs = [first.db, others[0]?.db ?? first.db, others[1]?.db ?? first.db];
      const workers = dbs.map((db) =>
        createMailWorker({
          db,
          sender: createSmtpSender(smtpAt(smtp.port)),
          logger: createLogger('silent'),
          now,
          batchSize: 4,
        }),
      );
      try {
        for (let i = 0; i < 12; i++) {
          await first.db
            .transaction()
            .execute((trx) => enqueueMail(trx, { ...invitation(), to: `parent${i}@example.fr` }, clock));
        }
        let total = 0;
        for (let round = 0; round < 6 && total < 12; round++) {
          const results = await Promise.all(workers.map((worker) => worker.runOnce()));
          total += results.reduce((sum, result) => sum + result.sent, 0);
        }
        expect(total).toBe(12);
        const recipients = smtp.received
          .map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text)
          .sort();
        expect(recipients).toEqual(Array.from({ length: 12 }, (_, i) => `parent${i}@example.fr`).sort());
        expect((await listMail(first.db)).every((row) => row.state === 'sent' && row.attempts === 1)).toBe(
          true,
        );
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
        for (const other of others) await other.close();
        await first.close();
        await smtp.close();
      }
    });
  },
);

describe('portal SMTP configuration', () => {
  it('reads the relay, its port, TLS, credentials and sender', () => {
    const { config } = loadConfig({
      PORTAL_SMTP_HOST: 'smtp.mairie.example',
      PORTAL_SMTP_SECURE: 'true',
      PORTAL_SMTP_USER: 'portail',
      PORTAL_SMTP_PASSWORD: 'pw-secret',
      PORTAL_MAIL_FROM: 'Portail famille <no-reply@mairie.example>',
    });
    expect(config.smtp).toEqual({
      host: 'smtp.mairie.example',
      port: 465,
      secure: true,
      auth: { user: 'portail', password: 'pw-secret' },
      from: 'Portail famille <no-reply@mairie.example>',
    });
    expect(
      loadConfig({ PORTAL_SMTP_HOST: 'relay', PORTAL_MAIL_FROM: 'a@b.example' }).config.smtp,
    ).toMatchObject({
      port: 25,
      secure: false,
      auth: undefined,
    });
    expect(loadConfig({}).config.smtp).toBeUndefined();
  });

  it('refuses incoherent SMTP settings with one clear line, never echoing the password', () => {
    const message = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      throw new Error('expected a ConfigError');
    };
    expect(message({ PORTAL_SMTP_HOST: 'relay' })).toMatch(
      /PORTAL_MAIL_FROM is required when PORTAL_SMTP_HOST is set/,
    );
    expect(
      message({ PORTAL_SMTP_HOST: 'relay', PORTAL_MAIL_FROM: 'x', PORTAL_SMTP_PASSWORD: 'hunter2' }),
    ).toMatch(/PORTAL_MAIL_FROM must be an e-mail address/);
    const missingUser = message({
      PORTAL_SMTP_HOST: 'relay',
      PORTAL_MAIL_FROM: 'a@b.example',
      PORTAL_SMTP_PASSWORD: 'hunter2',
    });
    expect(missingUser).toMatch(/PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD must be set together/);
    expect(missingUser).not.toContain('hunter2');
    expect(message({ PORTAL_SMTP_PORT: '0' })).toMatch(
      /PORTAL_SMTP_PORT must be an integer between 1 and 65535/,
    );
  });
});

if (postgresSkipReason !== undefined) {
  describe.skip(`portal mail queue on PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}
