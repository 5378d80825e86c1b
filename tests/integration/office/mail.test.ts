import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage, MailMessageDetail, SmtpSettingsView } from '../../../src-shared/api/mail.contract';
import { accountRequestRejectedEmail } from '../../../src-shared/mail/templates';
import { MAIL_MAX_ATTEMPTS, mailRetryDelayMs } from '../../../src-shared/mail/retry';
import { enqueueMail } from '../../../src-main/features/mail/mail.queue';
import { MailWorker } from '../../../src-main/features/mail/mail.worker';
import { AGENT } from '../../support/office';
import {
  ADMIN_CLIENT,
  call,
  setUpAdmin,
  signInAdmin,
  syncTestOffice,
  type SyncTestOffice,
} from './sync-support';
import { startSmtp, type TestSmtp } from './mail-support';

let office: SyncTestOffice;
let smtp: TestSmtp;

type MailList = {
  messages: MailMessage[];
  hasMore: boolean;
  counts: { queued: number; sent: number; failed: number };
  smtpConfigured: boolean;
};

async function configureSmtp(extra: Record<string, unknown> = {}): Promise<SmtpSettingsView> {
  return call<SmtpSettingsView>(office, 'mail.updateSettings', {
    host: smtp.host,
    port: smtp.port,
    secure: false,
    user: '',
    fromAddress: 'Enfance@Lapalud.fr',
    fromName: 'Service enfance-jeunesse de Lapalud',
    ...extra,
  });
}

async function queue(to = 'lea.martin@example.fr'): Promise<number> {
  const content = accountRequestRejectedEmail({
    communeName: 'Lapalud',
    reason: 'Adresse hors commune <b>!</b>',
  });
  return enqueueMail(
    office.ctx.db,
    { ...content, to, kind: 'account_request_rejected' },
    office.ctx.now().toISOString(),
  );
}

const list = (input: Record<string, unknown> = {}) => call<MailList>(office, 'mail.list', input);
const message = (id: number) => call<MailMessageDetail>(office, 'mail.get', { id });
const pass = () => office.ctx.mail.runPass();

/** Waits for something the office does on its own, without sleeping blindly. */
async function until(ok: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  office = await syncTestOffice();
  await setUpAdmin(office);
  smtp = await startSmtp();
});
afterEach(async () => {
  await office.close();
  await smtp.stop();
});

describe('the mail worker', () => {
  it('sends a queued message from the configured sender, text and HTML, and marks it sent', async () => {
    await configureSmtp();
    const id = await queue();
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from?.value[0]).toEqual({
      address: 'enfance@lapalud.fr',
      name: 'Service enfance-jeunesse de Lapalud',
    });
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('lea.martin@example.fr');
    expect(mail.subject).toBe('Votre demande de compte au portail famille — Lapalud');
    expect(mail.text).toContain('Adresse hors commune <b>!</b>');
    expect(mail.html).toContain('Adresse hors commune &lt;b&gt;!&lt;/b&gt;');
    expect(await message(id)).toMatchObject({
      state: 'sent',
      attempts: 1,
      lastError: null,
      sentAt: office.clock.now().toISOString(),
      nextAttemptAt: null,
      kind: 'account_request_rejected',
    });
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps messages queued while the SMTP server is down, and sends them once it is back', async () => {
    await configureSmtp();
    await smtp.stop();
    const id = await queue();
    expect(await pass()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await message(id);
    expect(waiting).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: `Le serveur d’envoi 127.0.0.1:${smtp.port} ne répond pas (connexion refusée).`,
      nextAttemptAt: new Date(office.clock.now().getTime() + 60_000).toISOString(),
    });
    // Not due yet: nothing is tried before the delay.
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });

    await smtp.start();
    office.clock.advance(60_000);
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await message(id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('fails a message at once when the server refuses its recipient, with the server’s reason', async () => {
    await configureSmtp();
    smtp.rejectRecipients.add('inconnu@example.fr');
    const id = await queue('inconnu@example.fr');
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await message(id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError:
        'Destinataire refusé par le serveur d’envoi (réponse du serveur : 550 5.1.1 <inconnu@example.fr>: Recipient address rejected: User unknown).',
    });
    office.clock.advance(24 * 60 * 60_000);
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await signInAdmin(office); // a day later, the session has long expired
    expect((await list({ state: 'failed' })).messages.map((m) => m.id)).toEqual([id]);
  });

  it('gives a message up after the last attempt, saying so', async () => {
    await configureSmtp();
    await smtp.stop();
    const id = await queue();
    for (let attempt = 1; attempt < MAIL_MAX_ATTEMPTS; attempt++) {
      expect(await pass()).toEqual({ sent: 0, retried: 1, failed: 0 });
      office.clock.advance(mailRetryDelayMs(attempt)!);
    }
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 1 });
    await signInAdmin(office); // a day later, the session has long expired
    const failed = await message(id);
    expect(failed).toMatchObject({ state: 'failed', attempts: MAIL_MAX_ATTEMPTS });
    expect(failed.lastError).toBe(
      `Le serveur d’envoi 127.0.0.1:${smtp.port} ne répond pas (connexion refusée). Abandon après ${MAIL_MAX_ATTEMPTS} tentatives.`,
    );
  });

  it('never sends a message twice when two passes run at the same time', async () => {
    await configureSmtp();
    for (let i = 0; i < 30; i++) await queue(`parent${i}@example.fr`);
    const other = new MailWorker(() => office.ctx);
    const [a, b] = await Promise.all([pass(), other.runPass()]);
    await other.stop();
    expect(a.sent + b.sent).toBe(30);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const recipients = smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''));
    expect(recipients.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `parent${i}@example.fr`).sort());
  });

  it('leaves messages queued without SMTP settings, says so, and sends them once configured', async () => {
    await queue();
    expect(await pass()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await list()).toMatchObject({ smtpConfigured: false, counts: { queued: 1, sent: 0, failed: 0 } });
    expect((await list()).messages[0]).toMatchObject({ state: 'queued', attempts: 0 });
    await configureSmtp();
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await list()).toMatchObject({ smtpConfigured: true, counts: { queued: 0, sent: 1, failed: 0 } });
  });

  it('sends a message as soon as it is queued, without waiting for the next round', async () => {
    await office.close();
    office = await syncTestOffice({ backgroundWork: true, dataDir: office.dataDir });
    await signInAdmin(office);
    await configureSmtp();
    await office.ctx.db.transaction().execute(async (trx) => {
      const content = accountRequestRejectedEmail({ communeName: 'Lapalud', reason: 'Doublon.' });
      await enqueueMail(
        trx,
        { ...content, to: 'vite@example.fr', kind: 'test' },
        office.ctx.now().toISOString(),
      );
    });
    // The worker's round is every 10 s: arriving well before shows the nudge did it.
    await until(() => smtp.received.length === 1, 3_000);
    await until(() => office.events.some((e) => e.name === 'mail.changed'));
  });
});

describe('the mail screen’s operations', () => {
  it('resends a failed or sent message as a new queued copy, audited, leaving the original in the history', async () => {
    await configureSmtp();
    smtp.rejectRecipients.add('lea.martin@example.fr');
    const failedId = await queue();
    await pass();
    smtp.rejectRecipients.clear();

    const copy = await call<MailMessage>(office, 'mail.resend', { id: failedId });
    expect(copy).toMatchObject({
      state: 'queued',
      attempts: 0,
      resentFrom: failedId,
      to: 'lea.martin@example.fr',
    });
    await pass();
    expect(await message(copy.id)).toMatchObject({ state: 'sent' });
    expect(await message(failedId)).toMatchObject({ state: 'failed', resentAs: [copy.id] });

    const again = await call<MailMessage>(office, 'mail.resend', { id: copy.id });
    await pass();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[0]!.subject).toBe(smtp.received[1]!.subject);
    expect(await message(again.id)).toMatchObject({ state: 'sent', resentFrom: copy.id });

    const queuedId = await queue();
    expect(await office.call(ADMIN_CLIENT, 'mail.resend', { id: queuedId })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Ce message est encore en attente d’envoi : inutile de le renvoyer.',
      },
    });
    expect(await office.call(ADMIN_CLIENT, 'mail.resend', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const audit = await office.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'details', 'actor_name'])
      .where('action', '=', 'mail.resent')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ target: 'lea.martin@example.fr', actor_name: 'Marie Dupont' });
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ messageId: failedId, copyId: copy.id });
  });

  it('lists the queue and history newest first, by state, page by page', async () => {
    await configureSmtp();
    smtp.rejectRecipients.add('refus@example.fr');
    await queue('a@example.fr');
    await queue('refus@example.fr');
    await pass();
    await smtp.stop();
    await queue('b@example.fr');
    await pass();
    const all = await list();
    expect(all.counts).toEqual({ queued: 1, sent: 1, failed: 1 });
    expect(all.messages.map((m) => [m.to, m.state])).toEqual([
      ['b@example.fr', 'queued'],
      ['refus@example.fr', 'failed'],
      ['a@example.fr', 'sent'],
    ]);
    expect((await list({ state: 'queued' })).messages.map((m) => m.to)).toEqual(['b@example.fr']);
    const page = await list({ limit: 2 });
    expect(page.hasMore).toBe(true);
    const next = await list({ limit: 2, beforeId: page.messages.at(-1)!.id });
    expect(next.messages.map((m) => m.to)).toEqual(['a@example.fr']);
    expect(next.hasMore).toBe(false);
    const detail = await message(all.messages[0]!.id);
    expect(detail.text).toContain('Bonjour,');
    expect(detail).not.toHaveProperty('html');
  });

  it('sends the test e-mail at once, records it, and reports a refusal in French', async () => {
    expect(await office.call(ADMIN_CLIENT, 'mail.sendTest', { to: 'marie@lapalud.fr' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Enregistrez d’abord les paramètres du serveur d’envoi.' },
    });
    await configureSmtp();
    expect(await call(office, 'mail.sendTest', { to: ' Marie@Lapalud.fr ' })).toEqual({
      to: 'marie@lapalud.fr',
    });
    expect(smtp.received.map((m) => m.subject)).toEqual(['E-mail de test — Lapalud']);
    expect(smtp.received[0]!.text).toContain(`par le serveur d’envoi 127.0.0.1:${smtp.port}`);

    smtp.rejectRecipients.add('faux@lapalud.fr');
    expect(await office.call(ADMIN_CLIENT, 'mail.sendTest', { to: 'faux@lapalud.fr' })).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: expect.stringMatching(
          /^L’e-mail de test n’est pas parti\. Destinataire refusé par le serveur d’envoi/,
        ),
      },
    });
    const history = await list();
    expect(history.messages.map((m) => [m.kind, m.state, m.to])).toEqual([
      ['test', 'failed', 'faux@lapalud.fr'],
      ['test', 'sent', 'marie@lapalud.fr'],
    ]);
    const audit = await office.ctx.db
      .selectFrom('audit_log')
      .select(['target', 'details'])
      .where('action', '=', 'mail.test_sent')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.target, JSON.parse(a.details!).delivered])).toEqual([
      ['marie@lapalud.fr', true],
      ['faux@lapalud.fr', false],
    ]);
  });

  it('logs in with the saved user and password, never shows the password back, and retries at once after a fix', async () => {
    await smtp.stop();
    smtp = await startSmtp({ auth: { user: 'mairie', pass: 'Mot-De-Passe-SMTP-1' } });
    const saved = await configureSmtp({ user: 'mairie', password: 'mauvais' });
    expect(saved).toEqual({
      configured: true,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'mairie',
      passwordSet: true,
      fromAddress: 'enfance@lapalud.fr',
      fromName: 'Service enfance-jeunesse de Lapalud',
    });
    const id = await queue();
    expect(await pass()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await message(id)).lastError).toMatch(
      /^Identifiant ou mot de passe SMTP refusé par 127\.0\.0\.1:\d+/,
    );

    await configureSmtp({ user: 'mairie', password: 'Mot-De-Passe-SMTP-1' });
    // Without waiting for the retry delay: the new settings may be what the message needed.
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });
    // Saving again without a password keeps the saved one.
    await configureSmtp({ user: 'mairie' });
    await queue();
    expect(await pass()).toEqual({ sent: 1, retried: 0, failed: 0 });

    const settings = await call<SmtpSettingsView>(office, 'mail.getSettings');
    expect(JSON.stringify(settings)).not.toContain('Mot-De-Passe');
    const audit = await office.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'mail.settings_updated')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details!).passwordChanged)).toEqual([true, true, false]);
    expect(JSON.stringify(audit)).not.toContain('Mot-De-Passe');
    expect(JSON.stringify(audit)).not.toContain('mauvais');
  });

  it('shows the queue to every staff member and keeps the SMTP settings and the test e-mail to admins', async () => {
    await configureSmtp();
    await call(office, 'staff.create', AGENT);
    const agent = { clientId: 'agent-window' };
    await office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password });
    await office.call(agent, 'auth.changePassword', {
      currentPassword: AGENT.password,
      newPassword: 'Nouveau-Secret-77',
    });
    smtp.rejectRecipients.add('lea.martin@example.fr');
    const id = await queue();
    await pass();
    expect(await office.call(agent, 'mail.list', {})).toMatchObject({ ok: true });
    expect(await office.call(agent, 'mail.get', { id })).toMatchObject({ ok: true });
    expect(await office.call(agent, 'mail.resend', { id })).toMatchObject({ ok: true });
    for (const [name, input] of [
      ['mail.getSettings', {}],
      [
        'mail.updateSettings',
        { host: 'pirate.example', port: 25, secure: false, user: '', fromAddress: 'x@y.fr', fromName: '' },
      ],
      ['mail.sendTest', { to: 'x@y.fr' }],
    ] as const) {
      expect(await office.call(agent, name, input), name).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await call(office, 'mail.getSettings')).toMatchObject({ host: '127.0.0.1' });
  });
});
