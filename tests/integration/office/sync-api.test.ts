import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRunSummary, SyncSettingsView, SyncStatus } from '../../../src-shared/api/sync.contract';
import { insertSyncLog, SYNC_LOG_KEEP } from '../../../src-main/features/sync/sync.repository';
import { nextScheduledRun } from '../../../src-main/features/sync/sync.schedule';
import { SYNC_SOON_MS } from '../../../src-main/features/sync/sync.scheduler';
import { AGENT } from '../../support/office';
import {
  activationEvent,
  ADMIN_CLIENT,
  call,
  configureSync,
  familySyncRecord,
  SECRET,
  setUpAdmin,
  startRealPortal,
  syncTestOffice,
  writeOutbox,
  type PortalUnderTest,
  type SyncTestOffice,
} from './sync-support';

let portal: PortalUnderTest;
let office: SyncTestOffice;

beforeEach(async () => {
  portal = await startRealPortal();
});
afterEach(async () => {
  await office.close();
  await portal.stop();
});

const status = () => call<SyncStatus>(office, 'sync.status');

/** Waits for a condition the office reaches on its own (a scheduled run), without sleeping blindly. */
async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sync settings', () => {
  beforeEach(async () => {
    office = await syncTestOffice();
    await setUpAdmin(office);
  });

  it('never shows the secret back, only its last four characters, and audits changes without it', async () => {
    const saved = await call<SyncSettingsView>(office, 'sync.updateSettings', {
      portalUrl: 'https://portail.lapalud.fr/',
      secret: SECRET,
      intervalMinutes: 5,
      enabled: true,
    });
    expect(saved).toEqual({
      portalUrl: 'https://portail.lapalud.fr',
      secretHint: SECRET.slice(-4),
      intervalMinutes: 5,
      enabled: true,
    });
    expect(await call(office, 'sync.getSettings')).toEqual(saved);

    // Saving again without a secret keeps the one saved.
    await call(office, 'sync.updateSettings', {
      portalUrl: 'https://portail.lapalud.fr',
      intervalMinutes: 10,
      enabled: false,
    });
    expect(await call(office, 'sync.getSettings')).toMatchObject({
      secretHint: SECRET.slice(-4),
      intervalMinutes: 10,
    });

    const audit = await office.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'sync.settings_updated')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_name: 'Marie Dupont', target: 'synchronisation' });
    expect(JSON.parse(audit[0]!.details!)).toEqual({
      before: { portalUrl: null, intervalMinutes: 2, enabled: false },
      after: { portalUrl: 'https://portail.lapalud.fr', intervalMinutes: 5, enabled: true },
      secretChanged: true,
    });
    expect(JSON.parse(audit[1]!.details!)).toMatchObject({ secretChanged: false });
    expect(JSON.stringify(audit)).not.toContain(SECRET.slice(0, 12));
  });

  it('refuses an address that is not https (except on this machine), a short secret, and a first save without one', async () => {
    const attempt = (input: Record<string, unknown>) =>
      office.call(ADMIN_CLIENT, 'sync.updateSettings', {
        portalUrl: 'https://portail.lapalud.fr',
        secret: SECRET,
        intervalMinutes: 2,
        enabled: true,
        ...input,
      });
    expect(await attempt({ portalUrl: 'http://portail.lapalud.fr' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          portalUrl: [
            'L’adresse doit commencer par https:// (http:// seulement pour un portail sur ce poste).',
          ],
        },
      },
    });
    expect(await attempt({ portalUrl: 'portail' })).toMatchObject({
      error: { fields: { portalUrl: ['Adresse invalide (ex. https://portail.commune.fr).'] } },
    });
    expect(await attempt({ secret: 'trop-court' })).toMatchObject({
      error: { fields: { secret: ['Le secret doit faire au moins 32 caractères.'] } },
    });
    expect(await attempt({ secret: '' })).toMatchObject({
      error: { code: 'invalid_input', message: 'Saisissez le secret partagé avec le portail.' },
    });
    expect(await attempt({ portalUrl: 'http://127.0.0.1:8787' })).toMatchObject({ ok: true });
    expect(
      await office.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'sync.%')
        .execute(),
    ).toHaveLength(1);
  });

  it('lets every staff member see the sync and run it, and only admins see or change its settings', async () => {
    await configureSync(office, portal.url);
    await call(office, 'staff.create', AGENT);
    const agent = { clientId: 'agent-window' };
    await office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password });
    await office.call(agent, 'auth.changePassword', {
      currentPassword: AGENT.password,
      newPassword: 'Nouveau-Secret-77',
    });
    expect(await office.call(agent, 'sync.status', {})).toMatchObject({ ok: true });
    expect(await office.call(agent, 'sync.log', {})).toMatchObject({ ok: true });
    expect(await office.call(agent, 'sync.runNow', {})).toMatchObject({ ok: true, value: { ok: true } });
    expect(await office.call(agent, 'sync.getSettings', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await office.call(agent, 'sync.updateSettings', {
        portalUrl: 'https://pirate.example',
        secret: SECRET,
        intervalMinutes: 1,
        enabled: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(office, 'sync.getSettings')).toMatchObject({ portalUrl: portal.url });
  });

  it('refuses "Synchroniser maintenant" in French until the portal is configured', async () => {
    expect(await office.call(ADMIN_CLIENT, 'sync.runNow', {})).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          'La synchronisation n’est pas configurée : un administrateur doit indiquer l’adresse du portail et le secret.',
      },
    });
    expect(await status()).toMatchObject({ configured: false, lastAttemptAt: null, nextRunAt: null });
  });
});

describe('running the sync', () => {
  it('joins a second request to the run in progress instead of starting another', async () => {
    office = await syncTestOffice();
    await configureSync(office, portal.url);
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    const [a, b] = await Promise.all([
      call<SyncRunSummary>(office, 'sync.runNow'),
      call<SyncRunSummary>(office, 'sync.runNow'),
    ]);
    expect(a).toEqual(b);
    expect(portal.proxy.pushes).toEqual([1]);
    const log = await call<{ entries: unknown[] }>(office, 'sync.log', {});
    expect(log.entries).toHaveLength(1);
  });

  it('runs on its schedule, backs off while the portal is down, and a run on demand ignores the backoff', async () => {
    const proxy = portal.proxy;
    await proxy.down();
    office = await syncTestOffice({ backgroundWork: true });
    await setUpAdmin(office);
    await portal.addEvent(activationEvent(1));
    // Saving a first configuration starts a scheduled run at once.
    await configureSync(office, proxy.url, SECRET, { enabled: true, intervalMinutes: 2 });
    const failed = await until(status, (s) => s.consecutiveFailures === 1 && !s.running);
    expect(failed.lastError).toMatch(/^Le portail ne répond pas \(connexion refusée/);
    const lastAttempt = new Date(failed.lastAttemptAt!).getTime();
    expect(failed.nextRunAt).toBe(new Date(lastAttempt + 5_000).toISOString());
    const log = await call<{ entries: { origin: string; level: string }[] }>(office, 'sync.log', {});
    expect(log.entries[0]).toMatchObject({ origin: 'schedule', level: 'error' });

    office.clock.advance(1_000);
    const manual = await call<SyncRunSummary>(office, 'sync.runNow');
    expect(manual.ok).toBe(false);
    const twice = await status();
    expect(twice.consecutiveFailures).toBe(2);
    expect(twice.nextRunAt).toBe(new Date(lastAttempt + 1_000 + 10_000).toISOString());

    await proxy.up();
    office.clock.advance(1_000);
    expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({ ok: true, pulled: 1 });
    const recovered = await status();
    expect(recovered).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(recovered.nextRunAt).toBe(new Date(lastAttempt + 2_000 + 2 * 60_000).toISOString());

    await call(office, 'sync.updateSettings', { portalUrl: proxy.url, intervalMinutes: 2, enabled: false });
    await until(status, (s) => s.nextRunAt === null);
  });

  it('runs a few seconds after a change for the portal, once for a burst, not for nothing, not while off', async () => {
    office = await syncTestOffice({ backgroundWork: true });
    await setUpAdmin(office);
    await configureSync(office, portal.url, SECRET, { enabled: true, intervalMinutes: 60 });
    // Saving a first configuration runs at once; the next scheduled run is an hour later.
    await until(status, (s) => s.lastRun !== null && !s.running);
    const logLength = async () => (await call<{ entries: unknown[] }>(office, 'sync.log', {})).entries.length;
    // The settings the new address queued left with that run: no second run comes for them.
    await new Promise((resolve) => setTimeout(resolve, SYNC_SOON_MS + 300));
    expect(await logLength()).toBe(1);

    const queuedAt = Date.now();
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    await writeOutbox(office, [familySyncRecord(2, 1)]);
    await until(status, (s) => s.pendingPush === 0 && !s.running);
    // Not at once (the timer and the wall clock may disagree by a few milliseconds).
    expect(Date.now() - queuedAt).toBeGreaterThan(SYNC_SOON_MS - 100);
    // The first run sent what the new address queued (the portal settings); this one, both families.
    expect(portal.proxy.pushes).toEqual([1, 2]);
    expect(await logLength()).toBe(2);

    await call(office, 'sync.updateSettings', { portalUrl: portal.url, intervalMinutes: 60, enabled: false });
    await writeOutbox(office, [familySyncRecord(3, 1)]);
    await new Promise((resolve) => setTimeout(resolve, SYNC_SOON_MS + 500));
    expect(await status()).toMatchObject({ pendingPush: 1, running: false });
    expect(await logLength()).toBe(2);
  });

  it('cuts a run short when the office closes, instead of waiting for a portal that does not answer', async () => {
    const requests: http.IncomingMessage[] = [];
    const silent = http.createServer((req) => void requests.push(req));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    office = await syncTestOffice();
    await configureSync(office, `http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    const run = call<SyncRunSummary>(office, 'sync.runNow');
    await until(
      async () => requests.length,
      (n) => n === 1,
    );
    await office.close();
    expect(await run).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Le portail ne répond pas \(interrompu : fermeture de l’application, /),
    });
    office = await syncTestOffice({ dataDir: office.dataDir });
    expect(
      (await office.ctx.db.selectFrom('sync_state').selectAll().executeTakeFirstOrThrow()).last_error,
    ).toMatch(/interrompu/);
    silent.closeAllConnections();
    silent.close();
  });

  it('stops reading an answer far larger than the protocol ever sends, and does not follow a redirect', async () => {
    let mode: 'huge' | 'redirect' = 'huge';
    const odd = http.createServer((req, res) => {
      req.resume();
      if (mode === 'redirect') {
        res.writeHead(302, { location: 'https://example.org/sync/push' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent += 1;
        if (sent < 64) res.once('drain', more);
        else res.end();
      };
      more();
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(odd.address() as AddressInfo).port}`;
    office = await syncTestOffice();
    await configureSync(office, `http://${host}`);
    await writeOutbox(office, [familySyncRecord(1, 1)]);

    expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({
      ok: false,
      pushed: 0,
      error: `Réponse démesurée de ${host} : vérifiez l’adresse du portail.`,
    });
    mode = 'redirect';
    expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({
      ok: false,
      pushed: 0,
      error: expect.stringMatching(/^Le portail redirige vers une autre adresse \(HTTP 302\)/),
    });
    odd.closeAllConnections();
    odd.close();
  });

  it('speaks HTTPS to an https address and refuses a certificate it cannot trust', async () => {
    const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
    let requests = 0;
    const tls = https.createServer(
      {
        key: fs.readFileSync(path.join(fixtures, 'self-signed.key')),
        cert: fs.readFileSync(path.join(fixtures, 'self-signed.crt')),
      },
      (req, res) => {
        requests += 1;
        req.resume();
        res.end();
      },
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(tls.address() as AddressInfo).port}`;
    office = await syncTestOffice();
    await configureSync(office, `https://${host}`);
    await writeOutbox(office, [familySyncRecord(1, 1)]);

    expect(await call<SyncRunSummary>(office, 'sync.runNow')).toMatchObject({
      ok: false,
      pushed: 0,
      error: `Le portail ne répond pas (certificat HTTPS refusé : DEPTH_ZERO_SELF_SIGNED_CERT, ${host}).`,
    });
    // Nothing was sent: the secret never reached a server the office could not authenticate.
    expect(requests).toBe(0);
    tls.close();
  });

  it('keeps the last thousand lines of the log', async () => {
    office = await syncTestOffice();
    await setUpAdmin(office);
    for (let i = 0; i < SYNC_LOG_KEEP + 5; i++) {
      await insertSyncLog(office.ctx.db, {
        at: new Date(i * 1000).toISOString(),
        level: 'info',
        message: `ligne ${i}`,
        pushed: 0,
        pulled: 0,
        origin: 'schedule',
        durationMs: 1,
      });
    }
    const rows = await office.ctx.db.selectFrom('sync_log').select('message').orderBy('id').execute();
    expect(rows).toHaveLength(SYNC_LOG_KEEP);
    expect(rows[0]!.message).toBe('ligne 5');
    const page = await call<{ entries: { message: string }[]; hasMore: boolean }>(office, 'sync.log', {
      limit: 2,
    });
    expect(page.entries.map((e) => e.message)).toEqual([
      `ligne ${SYNC_LOG_KEEP + 4}`,
      `ligne ${SYNC_LOG_KEEP + 3}`,
    ]);
    expect(page.hasMore).toBe(true);
  });
});

describe('the next scheduled run', () => {
  const base = {
    configured: true,
    enabled: true,
    intervalMinutes: 2,
    lastAttemptAt: '2026-11-27T09:00:00.000Z',
    consecutiveFailures: 0,
  };
  const now = new Date('2026-11-27T09:00:30.000Z');
  it.each([
    ['never ran: now', { lastAttemptAt: null }, now.toISOString()],
    ['after a success: one interval later', {}, '2026-11-27T09:02:00.000Z'],
    ['after one failure: 5 s later', { consecutiveFailures: 1 }, '2026-11-27T09:00:05.000Z'],
    ['after four failures: 40 s later', { consecutiveFailures: 4 }, '2026-11-27T09:00:40.000Z'],
    ['after many failures: at most 5 min later', { consecutiveFailures: 30 }, '2026-11-27T09:05:00.000Z'],
    ['schedule off: never', { enabled: false }, null],
    ['not configured: never', { configured: false }, null],
  ])('%s', (_name, patch, expected) => {
    expect(nextScheduledRun({ ...base, ...patch }, now)?.toISOString() ?? null).toBe(expected);
  });
});
