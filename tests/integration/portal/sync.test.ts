import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../../src-portal/db/database-url';
import type { PortalDatabase, PortalDatabaseHandle } from '../../../src-portal/db/database';
import type { ControlledTransaction } from 'kysely';
import { migrateToLatest } from '../../../src-portal/db/migrate';
import { openDatabase } from '../../../src-portal/db/open';
import { appendEvent } from '../../../src-portal/sync/event-log.repository';
import { findFamilyByEmail, findFamilyById } from '../../../src-portal/sync/families.repository';
import { getPortalSettings } from '../../../src-portal/sync/settings.repository';
import { portalApi } from '../../../src-shared/portal/api';
import { failureSchema, resultSchema } from '../../../src-shared/portal/envelope';
import {
  SYNC_BATCH_MAX,
  SYNC_PUSH_MEDIA_TYPE,
  encodeSyncRecords,
  type PortalEventBody,
  type PortalFamilyRecord,
  type SyncRecord,
} from '../../../src-shared/sync/protocol';
import { type TestPortal, dialectTargets, startTestPortal } from './helpers';

const { targets, postgresSkipReason, cleanup } = await dialectTargets();
afterAll(cleanup);

const SECRET = 'office-portal-shared-secret-0123456789';

function familyRecord(id: number, overrides: Partial<PortalFamilyRecord> = {}): PortalFamilyRecord {
  return {
    id,
    email: `famille${id}@example.fr`,
    portalAccess: 'none',
    invitationId: null,
    adults: [
      {
        id: id * 10 + 1,
        firstName: 'Hélène',
        lastName: 'Durand',
        relation: 'mère',
        phones: { mobile: '06 12 34 56 78', home: null, work: null },
        email: null,
      },
    ],
    address: { line1: '1 rue des Écoles', line2: '', postalCode: '84840', city: 'Lapalud' },
    children: [
      {
        id: id * 10 + 2,
        firstName: 'Léa',
        lastName: 'Durand',
        birthDate: '2018-03-04',
        school: 'École Jules Ferry',
        className: 'CE2',
        authorisedPickups: [{ name: 'Marc Durand', relation: 'grand-père', phone: '06 98 76 54 32' }],
      },
    ],
    lastAppliedEventSeq: 0,
    ...overrides,
  };
}

const family = (id: number, version: number, overrides: Partial<PortalFamilyRecord> = {}): SyncRecord => ({
  entity: 'family',
  id: String(id),
  version,
  data: familyRecord(id, overrides),
});
const deletion = (id: number, version: number): SyncRecord => ({
  entity: 'family',
  id: String(id),
  version,
  data: null,
});
const settings = (version: number, communeName = 'Lapalud'): SyncRecord => ({
  entity: 'portal_settings',
  id: 'settings',
  version,
  data: {
    communeName,
    fieldRules: {
      phones: 'editable',
      address: 'editable',
      authorisedPickups: 'editable',
      schooling: 'readonly',
    },
    contactEmail: 'enfance@mairie-lapalud.example',
    contactPhone: '04 90 00 00 00',
  },
});

const pushResult = resultSchema(portalApi['sync.push'].output);
const eventsResult = resultSchema(portalApi['sync.events'].output);

describe.each(targets.map((target) => [target.name, target] as const))(
  'portal sync endpoints on %s',
  (_, target) => {
    let portal: TestPortal;

    beforeAll(async () => {
      portal = await startTestPortal(target, undefined, {
        PORTAL_SYNC_SECRET: SECRET,
        PORTAL_PUBLIC_URL: 'https://portail.example',
      });
    });
    afterAll(async () => {
      await portal.stop();
    });

    const db = () => portal.database.db;

    function push(records: SyncRecord[], secret: string | null = SECRET, body?: string): Promise<Response> {
      return fetch(`${portal.url}/sync/push`, {
        method: 'POST',
        headers: {
          'Content-Type': SYNC_PUSH_MEDIA_TYPE,
          ...(secret === null ? {} : { Authorization: `Bearer ${secret}` }),
        },
        body: body ?? encodeSyncRecords(records),
      });
    }

    async function pushOk(records: SyncRecord[]) {
      const response = await push(records);
      const body = pushResult.parse(await response.json());
      if (!body.ok) throw new Error(`push refused: ${JSON.stringify(body.error)}`);
      expect(response.status).toBe(200);
      return body.value;
    }

    /** Everything the sync writes, to compare before and after. */
    async function snapshot() {
      return {
        families: await db().selectFrom('families').selectAll().orderBy('id').execute(),
        settings: await db().selectFrom('portal_settings').selectAll().execute(),
        tombstones: await db().selectFrom('sync_tombstones').selectAll().orderBy('entity_id').execute(),
        mail: await db().selectFrom('mail_queue').selectAll().orderBy('id').execute(),
      };
    }

    it('stores pushed families and settings, readable by id and by normalised e-mail', async () => {
      const result = await pushOk([
        settings(1),
        family(101, 1, { email: '  Famille.Martin@Example.FR ' }),
        family(102, 1),
      ]);
      expect(result).toEqual({ applied: 3, ignored: 0 });

      const stored = await findFamilyById(db(), 101);
      expect(stored?.version).toBe(1);
      expect(stored?.family).toEqual(familyRecord(101, { email: 'famille.martin@example.fr' }));
      expect((await findFamilyByEmail(db(), 'famille.martin@example.fr'))?.family.id).toBe(101);
      expect(await findFamilyById(db(), 999)).toBeNull();
      expect((await getPortalSettings(db()))?.settings.communeName).toBe('Lapalud');
    });

    it('changes nothing when the same batch is pushed again', async () => {
      const batch = [settings(2, 'Lapalud (84)'), family(201, 1), family(202, 3)];
      expect(await pushOk(batch)).toEqual({ applied: 3, ignored: 0 });
      const before = await snapshot();
      expect(await pushOk(batch)).toEqual({ applied: 0, ignored: 3 });
      expect(await snapshot()).toEqual(before);
    });

    it('never lets an older version overwrite a newer one, across batches or within one', async () => {
      await pushOk([
        family(301, 5, { address: { line1: 'v5', line2: '', postalCode: '84840', city: 'Lapalud' } }),
      ]);
      expect(
        await pushOk([
          family(301, 4, { address: { line1: 'v4', line2: '', postalCode: '84840', city: 'Lapalud' } }),
        ]),
      ).toEqual({ applied: 0, ignored: 1 });
      expect((await findFamilyById(db(), 301))?.family.address.line1).toBe('v5');

      // Out of order inside a batch: the newest wins whatever its position.
      expect(
        await pushOk([
          family(302, 7, { address: { line1: 'v7', line2: '', postalCode: '', city: '' } }),
          family(302, 6, { address: { line1: 'v6', line2: '', postalCode: '', city: '' } }),
        ]),
      ).toEqual({ applied: 1, ignored: 1 });
      expect((await findFamilyById(db(), 302))?.family.address.line1).toBe('v7');
      expect((await findFamilyById(db(), 302))?.version).toBe(7);

      expect(await pushOk([settings(1, 'Ancien nom')])).toEqual({ applied: 0, ignored: 1 });
      expect((await getPortalSettings(db()))?.settings.communeName).toBe('Lapalud (84)');
    });

    it('refuses a whole batch with one invalid record, and stores nothing of it', async () => {
      const before = await snapshot();
      const broken = { ...family(402, 1), data: { ...familyRecord(402), portalAccess: 'maybe' } };
      const response = await push([], SECRET, encodeSyncRecords([family(401, 1), broken, settings(99)]));
      expect(response.status).toBe(400);
      const { error } = failureSchema.parse(await response.json());
      expect(error.code).toBe('invalid_input');
      expect(Object.keys(error.fields ?? {}).join(' ')).toMatch(/records\.1/);

      // A record whose id contradicts its data, and an invalid e-mail: refused the same way.
      const mismatch = await push([
        family(403, 1),
        { entity: 'family', id: '405', version: 1, data: familyRecord(404) },
      ]);
      expect(mismatch.status).toBe(400);
      expect(failureSchema.parse(await mismatch.json()).error.fields).toHaveProperty(['records.1.data.id']);
      const badEmail = await push([family(406, 1, { email: 'pas-une-adresse' })]);
      expect(badEmail.status).toBe(400);

      expect(await snapshot()).toEqual(before);
    });

    it('stores each record as the JSON text it received, and refuses a field the protocol does not have', async () => {
      const record = family(451, 1, { email: 'lea@example.fr' });
      const body = encodeSyncRecords([record]);
      expect(await pushOk([record])).toEqual({ applied: 1, ignored: 0 });
      const row = await db()
        .selectFrom('families')
        .select('data')
        .where('id', '=', 451)
        .executeTakeFirstOrThrow();
      expect(row.data).toBe(body.split('\n')[1]);
      expect(row.data).toContain('H\\u00e9l\\u00e8ne');
      expect((await findFamilyById(db(), 451))?.family).toEqual(record.data);

      // Nothing is stripped or trimmed on the way in, so nothing the office did not mean is stored:
      // an unknown field (here a staff-only one) refuses the batch, naming it.
      const before = await snapshot();
      const withHealth = familyRecord(452);
      const leaky = {
        ...withHealth,
        children: [{ ...withHealth.children[0]!, healthNotes: 'Allergie' }],
      };
      const response = await push([], SECRET, encodeSyncRecords([{ ...family(452, 1), data: leaky }]));
      expect(response.status).toBe(400);
      expect(JSON.stringify(failureSchema.parse(await response.json()).error.fields)).toMatch(/healthNotes/);
      const extraHeader = `{"entity":"family","id":"452","version":1,"note":"x"}\n${JSON.stringify(withHealth)}`;
      expect((await push([], SECRET, extraHeader)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('deletes a family, and an older replay never brings it back', async () => {
      await pushOk([family(501, 1), family(502, 1)]);
      expect(await pushOk([deletion(501, 2)])).toEqual({ applied: 1, ignored: 0 });
      expect(await findFamilyById(db(), 501)).toBeNull();
      expect(await findFamilyByEmail(db(), 'famille501@example.fr')).toBeNull();

      expect(await pushOk([family(501, 1)])).toEqual({ applied: 0, ignored: 1 });
      expect(await findFamilyById(db(), 501)).toBeNull();
      expect(await pushOk([deletion(501, 2)])).toEqual({ applied: 0, ignored: 1 });

      // Deleting a family the portal never had is remembered too.
      expect(await pushOk([deletion(503, 4), family(503, 3)])).toEqual({ applied: 1, ignored: 1 });
      expect(await findFamilyById(db(), 503)).toBeNull();

      // The office may re-create it later, with a newer version.
      expect(await pushOk([family(501, 3)])).toEqual({ applied: 1, ignored: 0 });
      expect((await findFamilyById(db(), 501))?.version).toBe(3);
      expect((await findFamilyById(db(), 502))?.version).toBe(1);
    });

    it('lets an e-mail move to another family even when the old holder’s change comes later', async () => {
      await pushOk([
        family(601, 1, { email: 'partage@example.fr' }),
        family(602, 1, { email: 'autre@example.fr' }),
      ]);
      // The office gave the address to 602 after taking it from 601; 601's change is pushed afterwards.
      await pushOk([family(602, 2, { email: 'partage@example.fr' })]);
      expect((await findFamilyByEmail(db(), 'partage@example.fr'))?.family.id).toBe(602);
      await pushOk([family(601, 2, { email: 'nouvelle@example.fr' })]);
      expect((await findFamilyByEmail(db(), 'nouvelle@example.fr'))?.family.id).toBe(601);
      expect((await findFamilyByEmail(db(), 'partage@example.fr'))?.family.id).toBe(602);

      // Two families swapping addresses in one batch.
      await pushOk([
        family(601, 3, { email: 'partage@example.fr' }),
        family(602, 3, { email: 'nouvelle@example.fr' }),
      ]);
      expect((await findFamilyByEmail(db(), 'partage@example.fr'))?.family.id).toBe(601);
      expect((await findFamilyByEmail(db(), 'nouvelle@example.fr'))?.family.id).toBe(602);
    });

    it('queues the invitation e-mail once when a family is invited, not on a replay', async () => {
      await pushOk([settings(10, 'Lapalud')]);
      const invited = family(701, 2, {
        portalAccess: 'invited',
        invitationId: '3f1c2a9e-0d1b-4a53-9d6e-2b9f8e7c6a51',
      });
      await pushOk([family(701, 1)]);
      await pushOk([invited]);
      await pushOk([invited]);
      const mails = await db()
        .selectFrom('mail_queue')
        .selectAll()
        .where('to_address', '=', 'famille701@example.fr')
        .execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.kind).toBe('invitation');
      expect(mails[0]!.text_body).toContain('https://portail.example/activation/');
    });

    it('refuses a missing, malformed or wrong secret with 401, changes nothing and never logs it', async () => {
      const before = await snapshot();
      const attempts = [
        await push([family(801, 1)], null),
        await push([family(801, 1)], 'x'.repeat(SECRET.length)),
        await push([family(801, 1)], `${SECRET}x`),
        await fetch(`${portal.url}/sync/push`, {
          method: 'POST',
          headers: { 'Content-Type': SYNC_PUSH_MEDIA_TYPE, Authorization: `Basic ${SECRET}` },
          body: encodeSyncRecords([family(801, 1)]),
        }),
        await fetch(`${portal.url}/sync/events?after=0`, {
          headers: { Authorization: 'Bearer forged-secret-forged-secret-forged' },
        }),
      ];
      for (const response of attempts) {
        expect(response.status).toBe(401);
        expect(failureSchema.parse(await response.json()).error.code).toBe('unauthenticated');
      }
      expect(await snapshot()).toEqual(before);
      const refusals = portal.logs.lines.filter((line) => line.msg === 'sync request refused');
      expect(refusals.map((line) => line.reason)).toEqual([
        'missing',
        'wrong secret',
        'wrong secret',
        'malformed',
        'wrong secret',
      ]);
      expect(portal.logs.raw()).not.toContain(SECRET);
      expect(portal.logs.raw()).not.toContain('forged-secret');
    });

    it('pages through the events after a cursor', async () => {
      const { seq: first } = await appendTestEvent();
      const seqs = [first];
      for (let i = 0; i < 4; i++) seqs.push((await appendTestEvent()).seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

      const page = async (after: number, limit: number) => {
        const response = await fetch(`${portal.url}/sync/events?after=${after}&limit=${limit}`, {
          headers: { Authorization: `Bearer ${SECRET}` },
        });
        expect(response.status).toBe(200);
        const body = eventsResult.parse(await response.json());
        if (!body.ok) throw new Error('events refused');
        return body.value;
      };
      const one = await page(first - 1, 2);
      expect(one.events.map((event) => event.seq)).toEqual(seqs.slice(0, 2));
      expect(one.hasMore).toBe(true);
      const two = await page(one.events.at(-1)!.seq, 2);
      expect(two.events.map((event) => event.seq)).toEqual(seqs.slice(2, 4));
      const three = await page(two.events.at(-1)!.seq, 2);
      expect(three.events.map((event) => event.seq)).toEqual(seqs.slice(4));
      expect(three.hasMore).toBe(false);
      expect(await page(seqs.at(-1)!, 200)).toEqual({ events: [], hasMore: false });

      const event = one.events[0]!;
      expect(event).toMatchObject({
        type: 'profile.change_requested',
        familyId: 101,
        payload: { message: 'Nouvelle adresse <b>bientôt</b>' },
      });
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set([...one.events, ...two.events, ...three.events].map((e) => e.id)).size).toBe(5);
    });

    it('refuses a bad cursor or page size with 400', async () => {
      for (const query of ['after=-1', 'after=abc', 'limit=0', `limit=${SYNC_BATCH_MAX + 1}`]) {
        const response = await fetch(`${portal.url}/sync/events?${query}`, {
          headers: { Authorization: `Bearer ${SECRET}` },
        });
        expect(response.status, query).toBe(400);
      }
    });

    it('accepts a full batch of 500 families above the site-wide body limit, and refuses more than 5 MB', async () => {
      const records = Array.from({ length: 500 }, (_, i) => family(10_000 + i, 1));
      expect(encodeSyncRecords(records).length).toBeGreaterThan(200 * 1024);
      expect(await pushOk(records)).toEqual({ applied: 500, ignored: 0 });

      const huge = await push(
        [],
        SECRET,
        encodeSyncRecords([
          family(9, 1, {
            address: { line1: 'x'.repeat(6 * 1024 * 1024), line2: '', postalCode: '', city: '' },
          }),
        ]),
      );
      expect(huge.status).toBe(413);
      expect(failureSchema.parse(await huge.json()).error.code).toBe('payload_too_large');
      expect(await findFamilyById(db(), 9)).toBeNull();

      // The secret is checked before the body is read: an unauthenticated 6 MB push is a 401.
      expect(
        (await push([], 'wrong-secret-wrong-secret-wrong-secret', 'x'.repeat(6 * 1024 * 1024))).status,
      ).toBe(401);
    });

    it('refuses a body that is not pairs of JSON lines, one of another type, and more than SYNC_BATCH_MAX records', async () => {
      const before = await snapshot();
      const header = '{"entity":"family","id":"901","version":1}';
      const data = JSON.stringify(familyRecord(901));
      for (const body of ['{"records": [', header, `${header}\n{"id": 901,`, `5\n${data}`, `[]\n${data}`]) {
        const response = await push([], SECRET, body);
        expect(response.status, body.slice(0, 60)).toBe(400);
        expect(failureSchema.parse(await response.json()).error).toEqual({
          code: 'invalid_input',
          message:
            'Lot de synchronisation illisible : il faut, pour chaque enregistrement, une ligne d’en-tête JSON puis une ligne de données JSON.',
        });
      }
      for (const type of ['text/plain', 'application/json']) {
        const response = await fetch(`${portal.url}/sync/push`, {
          method: 'POST',
          headers: { 'Content-Type': type, Authorization: `Bearer ${SECRET}` },
          body:
            type === 'application/json'
              ? JSON.stringify({ records: [family(901, 1)] })
              : `${header}\n${data}`,
        });
        expect(response.status, type).toBe(400);
        expect(failureSchema.parse(await response.json()).error.message).toMatch(/application\/x-ndjson/);
      }
      expect(
        (await push(Array.from({ length: SYNC_BATCH_MAX + 1 }, (_, i) => family(20_000 + i, 1)))).status,
      ).toBe(400);
      expect((await push([])).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    function appendTestEvent() {
      const body: PortalEventBody = {
        type: 'profile.change_requested',
        familyId: 101,
        payload: { message: 'Nouvelle adresse <b>bientôt</b>' },
      };
      return db()
        .transaction()
        .execute((trx) => appendEvent(trx, body, new Date('2026-11-27T10:00:00.000Z')));
    }
  },
);

describe.each(targets.map((target) => [target.name, target] as const))(
  'sync endpoints without a secret on %s',
  (_, target) => {
    it('answers 503 "synchronisation non configurée" and stores nothing', async () => {
      const portal = await startTestPortal(target);
      try {
        const response = await fetch(`${portal.url}/sync/push`, {
          method: 'POST',
          headers: { 'Content-Type': SYNC_PUSH_MEDIA_TYPE, Authorization: `Bearer ${SECRET}` },
          body: encodeSyncRecords([family(1, 1)]),
        });
        expect(response.status).toBe(503);
        const { error } = failureSchema.parse(await response.json());
        expect(error.code).toBe('unavailable');
        expect(error.message).toMatch(/synchronisation n’est pas configurée/);
        expect(await findFamilyById(portal.database.db, 1)).toBeNull();
      } finally {
        await portal.stop();
      }
    });
  },
);

// With several instances on PostgreSQL, a reader must never see event N+1 committed while N is still
// in flight, or the office's cursor would skip N for ever.
describe.each(
  targets.filter((target) => target.name === 'PostgreSQL').map((target) => [target.name, target] as const),
)('event sequence across instances on %s', (_, target) => {
  it('makes a later appender wait for the earlier one, so seq order is commit order', async () => {
    const url = await target.newDatabaseUrl();
    const handles: PortalDatabaseHandle[] = [];
    const openTransactions: ControlledTransaction<PortalDatabase>[] = [];
    const open = async () => {
      const handle = await openDatabase(parseDatabaseUrl(url, process.cwd()));
      handles.push(handle);
      return handle;
    };
    try {
      const [one, two, reader] = [await open(), await open(), await open()];
      await migrateToLatest(one.db);
      const body: PortalEventBody = { type: 'account.activated', familyId: 1, payload: {} };
      const now = new Date('2026-11-27T10:00:00.000Z');

      const first = await one.db.startTransaction().execute();
      openTransactions.push(first);
      const firstEvent = await appendEvent(first, body, now);

      const second = await two.db.startTransaction().execute();
      openTransactions.push(second);
      let secondDone = false;
      const secondEvent = appendEvent(second, body, now).then((event) => {
        secondDone = true;
        return event;
      });
      // The second appender is waiting on the event-log lock (seen by the server, not guessed by a timer).
      await expect
        .poll(
          async () => {
            const { rows } = await sqlWaiting(reader);
            return rows[0]?.waiting;
          },
          { timeout: 5000 },
        )
        .toBe(1);
      expect(secondDone).toBe(false);
      expect(await reader.db.selectFrom('events').select('seq').execute()).toEqual([]);

      await first.commit().execute();
      const { seq: secondSeq } = await secondEvent;
      expect(secondSeq).toBeGreaterThan(firstEvent.seq);
      // Before the second commits, the reader sees exactly the first: a prefix of the log.
      expect((await reader.db.selectFrom('events').select('seq').execute()).map((row) => row.seq)).toEqual([
        firstEvent.seq,
      ]);
      await second.commit().execute();
      expect(
        (await reader.db.selectFrom('events').select('seq').orderBy('seq').execute()).map((row) => row.seq),
      ).toEqual([firstEvent.seq, secondSeq]);
    } finally {
      // A failed run leaves transactions open: end them, or closing the pools would wait for ever.
      for (const trx of openTransactions) {
        if (!trx.isCommitted && !trx.isRolledBack)
          await trx
            .rollback()
            .execute()
            .catch(() => undefined);
      }
      for (const handle of handles) await handle.close();
    }
  });
});

async function sqlWaiting(handle: PortalDatabaseHandle) {
  const { sql } = await import('kysely');
  return sql<{
    waiting: number;
  }>`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`.execute(
    handle.db,
  );
}

if (postgresSkipReason !== undefined) {
  describe.skip(`portal sync endpoints on PostgreSQL — skipped: ${postgresSkipReason}`, () => {
    it('runs the same suite as SQLite', () => {});
  });
}
