import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRunSummary, SyncStatus } from '../../../src-shared/api/sync.contract';
import { createSyntheticFamilies } from '../../../src-main/features/families/families.synthetic';
import { SYNC_BATCH_MAX } from '../../../src-shared/sync/protocol';
import {
  activationEvent,
  appliedEventSeqs,
  call,
  configureSync,
  familySyncRecord,
  pendingRows,
  recordingAppliers,
  signInAdmin,
  fakePortalUnderTest,
  startRealPortal,
  syncTestOffice,
  writeOutbox,
  type PortalUnderTest,
  type SyncTestOffice,
} from './sync-support';

/** The sync engine against the real portal app (behind a recording proxy), on its SQLite database. */

let portal: PortalUnderTest;
let office: SyncTestOffice;

beforeEach(async () => {
  portal = await startRealPortal();
  office = await syncTestOffice();
  await configureSync(office, portal.url);
});
afterEach(async () => {
  await office.close();
  await portal.stop();
});

const runNow = () => call<SyncRunSummary>(office, 'sync.runNow');
const status = () => call<SyncStatus>(office, 'sync.status');

describe('push', () => {
  it('sends the outbox in commit order, in batches of at most SYNC_BATCH_MAX, and marks every row pushed', async () => {
    const count = 2 * SYNC_BATCH_MAX + 200;
    const records = Array.from({ length: count }, (_, i) => familySyncRecord(i + 1, 1));
    await writeOutbox(office, records);
    expect((await status()).pendingPush).toBe(count);

    const summary = await runNow();

    expect(summary).toMatchObject({ ok: true, pushed: count, pulled: 0, error: null });
    expect(portal.proxy.pushes).toEqual([SYNC_BATCH_MAX, SYNC_BATCH_MAX, 200]);
    expect((await portal.familyVersions()).size).toBe(count);
    expect(await pendingRows(office)).toBe(0);
    const after = await status();
    expect(after).toMatchObject({ pendingPush: 0, lastError: null, consecutiveFailures: 0 });
    expect(after.lastSuccessAt).toBe(office.clock.now().toISOString());
    expect(after.lastRun).toMatchObject({ pushed: count, pulled: 0, ok: true });
  });

  it('sends ASCII bodies: accents travel as JSON escapes and arrive intact', async () => {
    const record = familySyncRecord(1, 1);
    await writeOutbox(office, [record]);

    expect(await runNow()).toMatchObject({ ok: true, pushed: 1 });

    expect(portal.proxy.asciiPushes).toEqual([true]);
    const stored = (await portal.snapshot()) as { families: { data: string }[] };
    expect(JSON.parse(stored.families[0]!.data)).toMatchObject({
      adults: [{ relation: 'mère' }],
      address: { line1: '1 rue des Écoles' },
    });
  });

  it('sends only the newest pending version of a record edited several times', async () => {
    await writeOutbox(office, [
      familySyncRecord(1, 1),
      familySyncRecord(2, 1),
      familySyncRecord(1, 2),
      familySyncRecord(1, 3),
    ]);
    const summary = await runNow();
    expect(summary.pushed).toBe(2);
    expect(portal.proxy.pushes).toEqual([2]);
    expect(await portal.familyVersions()).toEqual(
      new Map([
        [1, 3],
        [2, 1],
      ]),
    );
    expect(await pendingRows(office)).toBe(0);
  });

  it('keeps the higher version when the outbox holds versions out of order', async () => {
    await writeOutbox(office, [familySyncRecord(1, 5), familySyncRecord(1, 4)]);
    await runNow();
    expect((await portal.familyVersions()).get(1)).toBe(5);
    expect(await pendingRows(office)).toBe(0);
  });

  it('stops with a French reason on a record the protocol refuses, and sends nothing after it', async () => {
    await writeOutbox(office, [familySyncRecord(1, 1)]);
    await office.ctx.db
      .insertInto('sync_outbox')
      .values({
        entity: 'family',
        entity_id: '2',
        version: 1,
        payload: JSON.stringify({ id: 2 }),
        created_at: office.clock.now().toISOString(),
        pushed_at: null,
      })
      .execute();
    await writeOutbox(office, [familySyncRecord(3, 1)]);
    const summary = await runNow();
    expect(summary.ok).toBe(false);
    expect(summary.error).toMatch(/^Modification n°2 \(family 2\) non conforme au protocole/);
    expect((await portal.familyVersions()).size).toBe(0);
    expect(await pendingRows(office)).toBe(3);
  });
});

describe('pull', () => {
  it('applies the portal events in order, page after page, and moves the cursor', async () => {
    for (let i = 1; i <= 450; i++) await portal.addEvent(activationEvent(i));
    const summary = await runNow();
    expect(summary).toMatchObject({ ok: true, pulled: 450 });
    expect(await appliedEventSeqs(office)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect((await status()).eventsCursor).toBe(450);

    await portal.addEvent(activationEvent(451));
    expect((await runNow()).pulled).toBe(1);
    expect((await appliedEventSeqs(office)).at(-1)).toBe(451);
  });

  it('records an applier’s refusal in French, keeps the cursor before the event, and applies it once fixed', async () => {
    await office.close();
    const failOn = new Set([2]);
    office = await syncTestOffice({ appliers: recordingAppliers(failOn), dataDir: office.dataDir });
    await signInAdmin(office);
    for (let i = 1; i <= 3; i++) await portal.addEvent(activationEvent(i));

    const failed = await runNow();
    expect(failed.ok).toBe(false);
    expect(failed.pulled).toBe(1);
    expect(failed.error).toBe(
      'L’événement n°2 du portail (activation de compte) n’a pas pu être pris en compte (erreur interne, détails dans le journal de l’application).',
    );
    const state = await status();
    expect(state).toMatchObject({ eventsCursor: 1, lastError: failed.error, consecutiveFailures: 1 });
    expect(await appliedEventSeqs(office)).toEqual([1]);
    const log = await call<{ entries: { level: string; message: string }[] }>(office, 'sync.log', {});
    expect(log.entries[0]).toMatchObject({ level: 'error', message: failed.error });
    expect(office.logs.some((l) => l.includes('applying portal event 2'))).toBe(true);

    failOn.clear();
    expect(await runNow()).toMatchObject({ ok: true, pulled: 2 });
    expect(await appliedEventSeqs(office)).toEqual([1, 2, 3]);
    expect(await status()).toMatchObject({ eventsCursor: 3, lastError: null, consecutiveFailures: 0 });
  });
});

describe('progress', () => {
  it('tells every window how far the push and the pull are, then how the run ended', async () => {
    await writeOutbox(
      office,
      Array.from({ length: SYNC_BATCH_MAX + 100 }, (_, i) => familySyncRecord(i + 1, 1)),
    );
    await portal.addEvent(activationEvent(1));
    await runNow();
    const total = SYNC_BATCH_MAX + 100;
    const progress = office.events.filter((e) => e.name === 'sync.progress');
    expect(progress.every((e) => e.clientId === '*')).toBe(true);
    expect(progress.map((e) => e.payload)).toEqual([
      { running: true, phase: 'push', done: 0, total },
      { running: true, phase: 'push', done: SYNC_BATCH_MAX, total },
      { running: true, phase: 'push', done: total, total },
      { running: true, phase: 'pull', done: 0, total: null },
      { running: true, phase: 'pull', done: 1, total: null },
      { running: false, ok: true, error: null },
    ]);
  });
});

describe('what only a fake portal can be made to do', () => {
  let fake: Awaited<ReturnType<typeof fakePortalUnderTest>>;
  beforeEach(async () => {
    fake = await fakePortalUnderTest({ bodyLimit: 60_000 });
    await configureSync(office, fake.url);
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('halves the batch when the portal finds it too large, and still sends everything in order', async () => {
    await writeOutbox(
      office,
      Array.from({ length: 700 }, (_, i) => familySyncRecord(i + 1, 1)),
    );
    const summary = await runNow();
    expect(summary).toMatchObject({ ok: true, pushed: 700 });
    expect((await fake.familyVersions()).size).toBe(700);
    expect(fake.proxy.exchanges.filter((e) => e.status === 413).length).toBeGreaterThan(0);
    expect(Math.max(...fake.proxy.pushes)).toBeLessThan(SYNC_BATCH_MAX);
    expect(fake.proxy.pushes.reduce((a, b) => a + b, 0)).toBe(700);
  });

  it('stops at an event it cannot read (a type from a newer portal), without moving past it', async () => {
    await fake.addEvent(activationEvent(1));
    await fake.addEvent({ type: 'payment.received', familyId: 1, payload: {} } as never);
    await fake.addEvent(activationEvent(3));
    const summary = await runNow();
    expect(summary.error).toBe(
      'Événement n°2 du portail illisible (type « payment.received ») : mettez à jour l’application du bureau. Les événements suivants attendent.',
    );
    expect(await appliedEventSeqs(office)).toEqual([1]);
    expect((await status()).eventsCursor).toBe(1);
  });

  it('applies an event served again under a new number (a re-sequenced event log) only once', async () => {
    const first = await fake.addEvent(activationEvent(7));
    expect(await runNow()).toMatchObject({ ok: true, pulled: 1 });
    fake.fake.replay(first);
    expect(await runNow()).toMatchObject({ ok: true, pulled: 0 });
    expect(await appliedEventSeqs(office)).toEqual([1]);
    expect((await status()).eventsCursor).toBe(2);
  });
});

describe('a new portal address', () => {
  it('sends the new portal everything it must know; a portal that has it already ignores it', async () => {
    const other = await startRealPortal();
    try {
      await createSyntheticFamilies(office.ctx.db, { count: 30, seed: 3, pushToPortal: false });
      await configureSync(office, other.url, undefined, { keepQueued: true });
      expect(await runNow()).toMatchObject({ ok: true, pushed: 31 });
      const stored = (await other.snapshot()) as { settings: { data: string }[] };
      expect(JSON.parse(stored.settings[0]!.data)).toMatchObject({ communeName: 'Lapalud' });
      expect((await other.familyVersions()).size).toBe(30);

      // Back to the first portal, then to the second again: the first gets everything, the second
      // already has it all and keeps it as it is.
      await configureSync(office, portal.url, undefined, { keepQueued: true });
      expect(await runNow()).toMatchObject({ ok: true, pushed: 31 });
      expect((await portal.familyVersions()).size).toBe(30);
      const before = await other.snapshot();
      await configureSync(office, other.url, undefined, { keepQueued: true });
      expect(await runNow()).toMatchObject({ ok: true, pushed: 31 });
      expect(other.proxy.pushResults.at(-1)).toEqual({ applied: 0, ignored: 31 });
      expect(await other.snapshot()).toEqual(before);
    } finally {
      await other.stop();
    }
  });
});
