import { SYNC_BATCH_MAX, SYNC_PUSH_MEDIA_TYPE, encodeSyncRecords } from '../../../src-shared/sync/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRunSummary, SyncStatus } from '../../../src-shared/api/sync.contract';
import {
  activationEvent,
  appliedEventSeqs,
  call,
  configureSync,
  familySyncRecord,
  pendingRows,
  SECRET,
  startRealPortal,
  syncTestOffice,
  writeOutbox,
  type FaultProxy,
  type PortalUnderTest,
  type SyncTestOffice,
} from './sync-support';

/**
 * The sync's failure modes, each named after the behaviour it guarantees, against the real portal
 * app on its SQLite database, behind a proxy that takes it down or loses its answers on cue.
 */

let portal: PortalUnderTest;
let proxy: FaultProxy;
let office: SyncTestOffice;

beforeEach(async () => {
  portal = await startRealPortal();
  proxy = portal.proxy;
  office = await syncTestOffice();
  await configureSync(office, portal.url);
});
afterEach(async () => {
  await office.close();
  await portal.stop();
});

const runNow = () => call<SyncRunSummary>(office, 'sync.runNow');
const status = () => call<SyncStatus>(office, 'sync.status');
const stored = async () => (await portal.familyVersions()).size;

describe('sync faults', () => {
  it('loses nothing when the portal goes down in the middle of a push, and completes the push once it is back', async () => {
    const COUNT = SYNC_BATCH_MAX + 200;
    await writeOutbox(
      office,
      Array.from({ length: COUNT }, (_, i) => familySyncRecord(i + 1, 1)),
    );
    proxy.goDownAfter('/sync/push', 1);

    const cut = await runNow();
    expect(cut.ok).toBe(false);
    expect(cut.pushed).toBe(SYNC_BATCH_MAX);
    expect(cut.error).toMatch(/^Le portail ne répond pas \(connexion interrompue, 127\.0\.0\.1:\d+\)\.$/);
    expect(await stored()).toBe(SYNC_BATCH_MAX);
    expect(await pendingRows(office)).toBe(COUNT - SYNC_BATCH_MAX);
    expect(await status()).toMatchObject({
      lastError: cut.error,
      consecutiveFailures: 1,
      pendingPush: COUNT - SYNC_BATCH_MAX,
    });

    // The office keeps working while the portal is away: new changes queue up behind the others.
    await writeOutbox(office, [familySyncRecord(1, 2), familySyncRecord(COUNT + 1, 1)]);
    const refused = await runNow();
    expect(refused.error).toMatch(/^Le portail ne répond pas \(connexion refusée, 127\.0\.0\.1:\d+\)\.$/);
    expect(await status()).toMatchObject({ consecutiveFailures: 2, pendingPush: COUNT - SYNC_BATCH_MAX + 2 });

    await proxy.up();
    const resumed = await runNow();
    expect(resumed).toMatchObject({ ok: true, error: null });
    expect(await stored()).toBe(COUNT + 1);
    expect((await portal.familyVersions()).get(1)).toBe(2);
    expect(await pendingRows(office)).toBe(0);
    expect(await status()).toMatchObject({ lastError: null, consecutiveFailures: 0, pendingPush: 0 });
  });

  it('changes nothing on the portal when the same batch is pushed twice because its answer was lost', async () => {
    await writeOutbox(office, [familySyncRecord(1, 1), familySyncRecord(2, 3), familySyncRecord(3, 1)]);
    proxy.loseAnswers('/sync/push');

    const lost = await runNow();
    expect(lost.ok).toBe(false);
    expect(await stored()).toBe(3);
    expect(await pendingRows(office)).toBe(3);
    const before = await portal.snapshot();

    const again = await runNow();
    expect(again).toMatchObject({ ok: true, pushed: 3 });
    expect(proxy.pushResults.at(-1)).toEqual({ applied: 0, ignored: 3 });
    expect(await portal.snapshot()).toEqual(before);
    expect(await pendingRows(office)).toBe(0);
  });

  it('applies an event pulled twice only once', async () => {
    await portal.addEvent(activationEvent(7));
    await portal.addEvent(activationEvent(8));
    proxy.loseAnswers('/sync/events');
    expect((await runNow()).ok).toBe(false);
    expect(await appliedEventSeqs(office)).toEqual([]);

    expect(await runNow()).toMatchObject({ ok: true, pulled: 2 });
    // The office's cursor goes back (its state restored from an older copy): the portal serves both
    // events again, and neither is applied twice. (A re-sequenced event log: see sync.test.ts.)
    await office.ctx.db.updateTable('sync_state').set({ events_cursor: 0 }).execute();
    expect(await runNow()).toMatchObject({ ok: true, pulled: 0 });

    expect(await appliedEventSeqs(office)).toEqual([1, 2]);
    expect((await status()).eventsCursor).toBe(2);
  });

  it('keeps the newer version on the portal when an older one arrives after it', async () => {
    await writeOutbox(office, [familySyncRecord(1, 4)]);
    await runNow();
    const newer = await portal.snapshot();
    // An older version queued later (e.g. by an office restored from a backup) is sent, and ignored.
    await writeOutbox(office, [familySyncRecord(1, 2)]);
    expect(await runNow()).toMatchObject({ ok: true, pushed: 1 });
    expect(proxy.pushResults.at(-1)).toEqual({ applied: 0, ignored: 1 });
    expect(await portal.snapshot()).toEqual(newer);
    expect((await portal.familyVersions()).get(1)).toBe(4);
  });

  it('is refused with a forged or a missing secret: nothing changes on the portal, the state says why in French', async () => {
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    await portal.addEvent(activationEvent(1));
    const before = await portal.snapshot();
    await configureSync(office, portal.url, `forged-${SECRET.slice(7)}`);

    const refused = await runNow();
    expect(refused).toMatchObject({ ok: false, pushed: 0, pulled: 0 });
    expect(refused.error).toBe('Secret de synchronisation refusé par le portail.');
    expect(await status()).toMatchObject({
      lastError: 'Secret de synchronisation refusé par le portail.',
      consecutiveFailures: 1,
      pendingPush: 1,
      eventsCursor: 0,
    });
    expect(await stored()).toBe(0);

    const noSecret = await fetch(`${proxy.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': SYNC_PUSH_MEDIA_TYPE },
      body: encodeSyncRecords([familySyncRecord(1, 1)]),
    });
    expect(noSecret.status).toBe(401);
    const noSecretEvents = await fetch(`${proxy.url}/sync/events?after=0`);
    expect(noSecretEvents.status).toBe(401);
    expect(await portal.snapshot()).toEqual(before);
    expect(proxy.exchanges.map((e) => e.status)).toEqual([401, 401, 401]);
    expect(await appliedEventSeqs(office)).toEqual([]);

    await configureSync(office, portal.url, SECRET);
    expect(await runNow()).toMatchObject({ ok: true, pushed: 1, pulled: 1 });
  });
});
