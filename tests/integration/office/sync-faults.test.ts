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
  startFakePortal,
  startFaultProxy,
  syncTestOffice,
  writeOutbox,
  type FakePortal,
  type FaultProxy,
  type SyncTestOffice,
} from './sync-support';

/** The sync's failure modes, each named after the behaviour it guarantees. */

let portal: FakePortal;
let proxy: FaultProxy;
let office: SyncTestOffice;

beforeEach(async () => {
  portal = await startFakePortal();
  proxy = await startFaultProxy(portal.url);
  office = await syncTestOffice();
  await configureSync(office, proxy.url);
});
afterEach(async () => {
  await office.close();
  await proxy.down();
  await portal.stop();
});

const runNow = () => call<SyncRunSummary>(office, 'sync.runNow');
const status = () => call<SyncStatus>(office, 'sync.status');
const snapshot = () => structuredClone([...portal.records.entries()].sort());

describe('sync faults', () => {
  it('loses nothing when the portal goes down in the middle of a push, and completes the push once it is back', async () => {
    await writeOutbox(
      office,
      Array.from({ length: 1200 }, (_, i) => familySyncRecord(i + 1, 1)),
    );
    proxy.goDownAfter('/sync/push', 1);

    const cut = await runNow();
    expect(cut.ok).toBe(false);
    expect(cut.pushed).toBe(500);
    expect(cut.error).toMatch(/^Le portail ne répond pas \(connexion interrompue, 127\.0\.0\.1:\d+\)\.$/);
    expect(portal.records.size).toBe(500);
    expect(await pendingRows(office)).toBe(700);
    expect(await status()).toMatchObject({ lastError: cut.error, consecutiveFailures: 1, pendingPush: 700 });

    // The office keeps working while the portal is away: new changes queue up behind the others.
    await writeOutbox(office, [familySyncRecord(1, 2), familySyncRecord(1201, 1)]);
    const refused = await runNow();
    expect(refused.error).toMatch(/^Le portail ne répond pas \(connexion refusée, 127\.0\.0\.1:\d+\)\.$/);
    expect(await status()).toMatchObject({ consecutiveFailures: 2, pendingPush: 702 });

    await proxy.up();
    const resumed = await runNow();
    expect(resumed).toMatchObject({ ok: true, error: null });
    expect(portal.records.size).toBe(1201);
    expect(portal.records.get('family:1')?.version).toBe(2);
    expect(await pendingRows(office)).toBe(0);
    expect(await status()).toMatchObject({ lastError: null, consecutiveFailures: 0, pendingPush: 0 });
  });

  it('changes nothing on the portal when the same batch is pushed twice because its answer was lost', async () => {
    await writeOutbox(office, [familySyncRecord(1, 1), familySyncRecord(2, 3), familySyncRecord(3, 1)]);
    proxy.loseAnswers('/sync/push');

    const lost = await runNow();
    expect(lost.ok).toBe(false);
    expect(portal.records.size).toBe(3);
    expect(await pendingRows(office)).toBe(3);
    const before = snapshot();

    const again = await runNow();
    expect(again).toMatchObject({ ok: true, pushed: 3 });
    expect(portal.results.at(-1)).toEqual({ applied: 0, ignored: 3 });
    expect(snapshot()).toEqual(before);
    expect(await pendingRows(office)).toBe(0);
  });

  it('applies an event pulled twice only once', async () => {
    const first = portal.addEvent(activationEvent(7));
    portal.addEvent(activationEvent(8));
    proxy.loseAnswers('/sync/events');
    expect((await runNow()).ok).toBe(false);
    expect(await appliedEventSeqs(office)).toEqual([]);

    expect(await runNow()).toMatchObject({ ok: true, pulled: 2 });
    // The portal serves the first event again under a new number (a re-sequenced event log).
    portal.replay(first);
    expect(await runNow()).toMatchObject({ ok: true, pulled: 0 });
    // And the office's cursor goes back (its state restored from an older copy): nothing twice.
    await office.ctx.db.updateTable('sync_state').set({ events_cursor: 0 }).execute();
    expect(await runNow()).toMatchObject({ ok: true, pulled: 0 });

    expect(await appliedEventSeqs(office)).toEqual([1, 2]);
    expect((await status()).eventsCursor).toBe(3);
  });

  it('keeps the newer version on the portal when an older one arrives after it', async () => {
    await writeOutbox(office, [familySyncRecord(1, 4)]);
    await runNow();
    const newer = snapshot();
    // An older version queued later (e.g. by an office restored from a backup) is sent, and ignored.
    await writeOutbox(office, [familySyncRecord(1, 2)]);
    expect(await runNow()).toMatchObject({ ok: true, pushed: 1 });
    expect(portal.results.at(-1)).toEqual({ applied: 0, ignored: 1 });
    expect(snapshot()).toEqual(newer);
    expect(portal.records.get('family:1')?.version).toBe(4);
  });

  it('is refused with a forged or a missing secret: nothing changes on the portal, the state says why in French', async () => {
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    portal.addEvent(activationEvent(1));
    await configureSync(office, proxy.url, `forged-${SECRET.slice(7)}`);

    const refused = await runNow();
    expect(refused).toMatchObject({ ok: false, pushed: 0, pulled: 0 });
    expect(refused.error).toBe('Secret de synchronisation refusé par le portail.');
    expect(await status()).toMatchObject({
      lastError: 'Secret de synchronisation refusé par le portail.',
      consecutiveFailures: 1,
      pendingPush: 1,
      eventsCursor: 0,
    });
    expect(portal.records.size).toBe(0);

    const noSecret = await fetch(`${proxy.url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: [familySyncRecord(1, 1)] }),
    });
    expect(noSecret.status).toBe(401);
    const noSecretEvents = await fetch(`${proxy.url}/sync/events?after=0`);
    expect(noSecretEvents.status).toBe(401);
    expect(portal.records.size).toBe(0);
    expect(portal.refused).toBe(3);
    expect(await appliedEventSeqs(office)).toEqual([]);

    await configureSync(office, proxy.url, SECRET);
    expect(await runNow()).toMatchObject({ ok: true, pushed: 1, pulled: 1 });
  });
});
