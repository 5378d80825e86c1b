import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { timingSafeEqual, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertAuditEntry } from '../../../src-main/features/audit/audit.repository';
import type { EventAppliers } from '../../../src-main/features/sync/appliers';
import { recordChange } from '../../../src-main/features/sync/outbox';
import { openOffice, type Office, type OfficeEvent } from '../../../src-main/office';
import { appendEvent } from '../../../src-portal/sync/event-log.repository';
import { ADMIN, manualClock, OFFICE_MIGRATIONS, tempDir } from '../../support/office';
import { dialectTargets, startTestPortal } from '../portal/helpers';
import { fail, ok } from '../../../src-shared/result';
import {
  eventsQuerySchema,
  decodePushBody,
  type PortalEvent,
  type PortalEventBody,
  type PortalFamilyRecord,
  type SyncRecord,
} from '../../../src-shared/sync/protocol';

/**
 * Test doubles for the sync tests: a portal speaking the shared protocol (in memory, built on the
 * shared schemas), a proxy that can take any portal down or lose its answers, and helpers to fill
 * the office's outbox and watch events being applied.
 */

export const SECRET = 'test-sync-secret-0123456789-abcdefghijklmnop';
export const ADMIN_CLIENT = { clientId: 'admin-window' };

export type SyncTestOffice = Office & {
  dataDir: string;
  clock: ReturnType<typeof manualClock>;
  events: OfficeEvent[];
  logs: string[];
};

/**
 * An office on a fresh (or given) data folder with a manual clock, the given event appliers, and its
 * background work (schedule, mail worker) off unless asked for: tests run passes by hand.
 */
export async function syncTestOffice(
  opts: { appliers?: EventAppliers; backgroundWork?: boolean; dataDir?: string } = {},
): Promise<SyncTestOffice> {
  const dataDir = opts.dataDir ?? tempDir();
  const clock = manualClock();
  const logs: string[] = [];
  const office = await openOffice({
    dataDir,
    migrationsDir: OFFICE_MIGRATIONS,
    mode: 'browser',
    appVersion: '0.0.0-test',
    now: clock.now,
    loginDelay: async () => undefined,
    log: (level, message) => void logs.push(`${level}: ${message}`),
    eventAppliers: opts.appliers ?? recordingAppliers(),
    backgroundWork: opts.backgroundWork ?? false,
  });
  const events: OfficeEvent[] = [];
  office.onEvent((event) => void events.push(event));
  return Object.assign(office, { dataDir, clock, events, logs });
}

/** Completes the first start (commune and admin, signed in as ADMIN_CLIENT). */
export async function setUpAdmin(office: Office): Promise<void> {
  const result = await office.call(ADMIN_CLIENT, 'setup.create', ADMIN);
  if (!result.ok) throw new Error(`set-up failed: ${JSON.stringify(result.error)}`);
}

/** Signs the admin in again (an office reopened on the same data folder has no sessions). */
export async function signInAdmin(office: Office): Promise<void> {
  const result = await office.call(ADMIN_CLIENT, 'auth.login', {
    login: ADMIN.login,
    password: ADMIN.password,
  });
  if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.error)}`);
}

export async function call<T = unknown>(office: Office, name: string, input: unknown = {}): Promise<T> {
  const result = await office.call(ADMIN_CLIENT, name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/**
 * Signs in an admin and points the office at `url` with `secret`. A new address queues everything the
 * portal must know (`queueEverythingForPortal`); with the sync off, and unless `keepQueued`, those
 * rows are dropped again here, so that an engine test counts only the records it writes itself.
 */
export async function configureSync(
  office: Office,
  url: string,
  secret = SECRET,
  extra: { enabled?: boolean; intervalMinutes?: number; keepQueued?: boolean } = {},
): Promise<void> {
  const session = await office.call(ADMIN_CLIENT, 'auth.session', {});
  if (!session.ok || session.value === null) await setUpAdmin(office);
  const last = await office.ctx.db
    .selectFrom('sync_outbox')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  await call(office, 'sync.updateSettings', {
    portalUrl: url,
    secret,
    intervalMinutes: extra.intervalMinutes ?? 2,
    enabled: extra.enabled ?? false,
  });
  if (!extra.enabled && !extra.keepQueued) {
    await office.ctx.db
      .deleteFrom('sync_outbox')
      .where('seq', '>', last.seq ?? 0)
      .execute();
  }
}

type Stored = { version: number; data: unknown };

export type FakePortal = {
  url: string;
  records: Map<string, Stored>;
  /** The `records.length` of each push the portal accepted. */
  pushes: number[];
  /** What the portal answered to each push it accepted. */
  results: { applied: number; ignored: number }[];
  /** Requests refused for their secret. */
  refused: number;
  addEvent(body: PortalEventBody): PortalEvent;
  /** Serves an event again under a new sequence number (same id), as a re-sequenced portal would. */
  replay(event: PortalEvent): PortalEvent;
  stop(): Promise<void>;
};

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function listen(handler: http.RequestListener | http.Server, port = 0): Promise<http.Server> {
  const server = typeof handler === 'function' ? http.createServer(handler) : handler;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A portal that keeps a record only when its version is newer, and serves the events it is given. */
export async function startFakePortal(
  opts: { secret?: string; bodyLimit?: number } = {},
): Promise<FakePortal> {
  const secret = opts.secret ?? SECRET;
  const records = new Map<string, Stored>();
  const events: PortalEvent[] = [];
  const pushes: number[] = [];
  const results: { applied: number; ignored: number }[] = [];
  const state = { refused: 0 };
  const app = new Hono();
  app.use('/sync/*', async (c, next) => {
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, secret)) {
      state.refused += 1;
      return c.json(fail('unauthenticated', 'Secret de synchronisation invalide.'), 401);
    }
    await next();
  });
  app.post('/sync/push', async (c) => {
    const text = await c.req.text();
    if (opts.bodyLimit !== undefined && Buffer.byteLength(text) > opts.bodyLimit) {
      return c.json(fail('payload_too_large', 'Requête trop volumineuse.'), 413);
    }
    let received: SyncRecord[];
    try {
      received = decodePushBody(text);
    } catch {
      return c.json(fail('invalid_input', 'Lot invalide.'), 400);
    }
    let applied = 0;
    for (const record of received) {
      const key = `${record.entity}:${record.id}`;
      const current = records.get(key);
      if (current && current.version >= record.version) continue;
      records.set(key, { version: record.version, data: record.data });
      applied += 1;
    }
    const result = { applied, ignored: received.length - applied };
    pushes.push(received.length);
    results.push(result);
    return c.json(ok(result));
  });
  app.get('/sync/events', (c) => {
    const query = eventsQuerySchema.parse(c.req.query());
    const after = events.filter((e) => e.seq > query.after);
    return c.json(ok({ events: after.slice(0, query.limit), hasMore: after.length > query.limit }));
  });
  const server = await listen(createAdaptorServer({ fetch: app.fetch }) as http.Server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    pushes,
    results,
    get refused() {
      return state.refused;
    },
    addEvent(body) {
      const event = {
        seq: events.length + 1,
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        ...body,
      } as PortalEvent;
      events.push(event);
      return event;
    },
    replay(event) {
      const again = { ...event, seq: events.length + 1 };
      events.push(again);
      return again;
    },
    stop: () => closeServer(server),
  };
}

export type FaultProxy = {
  url: string;
  /** Stops listening: connections are refused, as when the portal is down. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** The next `count` requests to `path` reach the portal, but their answers are lost on the way back. */
  loseAnswers(path: string, count?: number): void;
  /** After `count` more requests to `path` pass, the portal goes down in the middle of the next one. */
  goDownAfter(path: string, count: number): void;
  /** What went through: each request's path and the portal's status. */
  exchanges: { path: string; status: number }[];
  /** The number of records of each push the portal acknowledged, and what it answered. */
  pushes: number[];
  pushResults: { applied: number; ignored: number }[];
  /** Whether each push body the portal acknowledged was pure ASCII. */
  asciiPushes: boolean[];
};

/**
 * An HTTP proxy in front of a portal (the real one or the fake): it can cut the portal off or lose
 * its answers at chosen moments, and it records what the office sent and what the portal answered.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const exchanges: { path: string; status: number }[] = [];
  const pushes: number[] = [];
  const pushResults: { applied: number; ignored: number }[] = [];
  const asciiPushes: boolean[] = [];
  let lose: { path: string; count: number } | null = null;
  let downAfter: { path: string; count: number } | null = null;
  let server: http.Server;

  const proxy = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (downAfter && downAfter.path === path) {
      if (downAfter.count === 0) {
        downAfter = null;
        req.socket.destroy();
        void closeServer(server);
        return;
      }
      downAfter.count -= 1;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const upstreamReq = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      async (upstreamRes) => {
        const answer: Buffer[] = [];
        for await (const chunk of upstreamRes) answer.push(chunk as Buffer);
        const status = upstreamRes.statusCode ?? 502;
        exchanges.push({ path, status });
        if (path === '/sync/push' && status === 200) {
          pushes.push(decodePushBody(body.toString()).length);
          asciiPushes.push(body.every((byte) => byte < 0x80));
          pushResults.push((JSON.parse(Buffer.concat(answer).toString()) as { value: PushCounts }).value);
        }
        if (lose && lose.path === path && lose.count > 0) {
          lose.count -= 1;
          req.socket.destroy();
          return;
        }
        res.writeHead(status, upstreamRes.headers);
        res.end(Buffer.concat(answer));
      },
    );
    upstreamReq.on('error', () => req.socket.destroy());
    upstreamReq.end(body);
  };
  const handler: http.RequestListener = (req, res) => void proxy(req, res);

  server = await listen(handler);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    pushes,
    pushResults,
    asciiPushes,
    down: () => closeServer(server),
    async up() {
      server = await listen(handler, port);
    },
    loseAnswers(path, count = 1) {
      lose = { path, count };
    },
    goDownAfter(path, count) {
      downAfter = { path, count };
    },
  };
}

type PushCounts = { applied: number; ignored: number };

/**
 * A portal for the office to sync with, behind a fault proxy (`url` is the proxy's): the real portal
 * app on a temporary SQLite file, or the fake above for what the real one cannot be made to do (an
 * event type from the future, a body limit small enough to split a batch, a re-sequenced event log).
 */
export type PortalUnderTest = {
  url: string;
  proxy: FaultProxy;
  addEvent(body: PortalEventBody): Promise<PortalEvent>;
  /** The version of each family record the portal holds. */
  familyVersions(): Promise<Map<number, number>>;
  /** Everything the portal keeps of the office's records, to compare before and after. */
  snapshot(): Promise<unknown>;
  stop(): Promise<void>;
};

export async function startRealPortal(): Promise<PortalUnderTest> {
  const { targets, cleanup } = await dialectTargets({ postgres: false });
  const portal = await startTestPortal(targets[0]!, undefined, { PORTAL_SYNC_SECRET: SECRET });
  const proxy = await startFaultProxy(portal.url);
  const db = portal.database.db;
  return {
    url: proxy.url,
    proxy,
    async addEvent(body) {
      const { id, seq } = await db.transaction().execute((trx) => appendEvent(trx, body, new Date()));
      return { ...body, id, seq, occurredAt: new Date().toISOString() } as PortalEvent;
    },
    async familyVersions() {
      const rows = await db.selectFrom('families').select(['id', 'version']).execute();
      return new Map(rows.map((r) => [Number(r.id), Number(r.version)]));
    },
    async snapshot() {
      return {
        families: await db.selectFrom('families').selectAll().orderBy('id').execute(),
        settings: await db.selectFrom('portal_settings').selectAll().execute(),
        tombstones: await db.selectFrom('sync_tombstones').selectAll().execute(),
      };
    },
    async stop() {
      await proxy.down();
      await portal.stop();
      await cleanup();
    },
  };
}

export async function fakePortalUnderTest(
  opts: { bodyLimit?: number } = {},
): Promise<PortalUnderTest & { fake: FakePortal }> {
  const fake = await startFakePortal(opts);
  const proxy = await startFaultProxy(fake.url);
  return {
    url: proxy.url,
    proxy,
    fake,
    addEvent: async (body) => fake.addEvent(body),
    familyVersions: async () =>
      new Map(
        [...fake.records]
          .filter(([key]) => key.startsWith('family:'))
          .map(([key, stored]) => [Number(key.slice('family:'.length)), stored.version]),
      ),
    snapshot: async () => structuredClone([...fake.records.entries()].sort()),
    async stop() {
      await proxy.down();
      await fake.stop();
    },
  };
}

export function familyRecord(id: number, version: number, name = `Famille ${id}`): PortalFamilyRecord {
  return {
    id,
    email: `famille${id}@example.fr`,
    portalAccess: 'none',
    invitationId: null,
    adults: [
      {
        id: id * 10,
        firstName: 'Camille',
        lastName: name,
        relation: 'mère',
        phones: { mobile: '06 12 34 56 78', home: null, work: null },
        email: null,
      },
    ],
    address: { line1: `${version} rue des Écoles`, line2: '', postalCode: '84840', city: 'Lapalud' },
    children: [],
    lastAppliedEventSeq: 0,
  };
}

export function familySyncRecord(id: number, version: number): SyncRecord {
  return { entity: 'family', id: String(id), version, data: familyRecord(id, version) };
}

/** Writes records to the office outbox, each in its own transaction as a feature would. */
export async function writeOutbox(office: Office, records: SyncRecord[]): Promise<void> {
  await office.ctx.db.transaction().execute(async (trx) => {
    for (const record of records) await recordChange(trx, record, office.ctx.now().toISOString());
  });
}

export async function pendingRows(office: Office): Promise<number> {
  const row = await office.ctx.db
    .selectFrom('sync_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pushed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Appliers that leave a trace of each event in the audit log (a table every office has), so a test
 * can count how many times each event was applied. `failOn` makes the applier of those seqs throw.
 */
export function recordingAppliers(failOn: Set<number> = new Set()): EventAppliers {
  const apply: EventAppliers['account.activated'] = async (trx, event) => {
    if (failOn.has(event.seq)) throw new Error(`applier refused event ${event.seq}`);
    await insertAuditEntry(trx, {
      at: new Date(0).toISOString(),
      actor: null,
      action: 'test.event_applied',
      target: event.id,
      details: { seq: event.seq, type: event.type },
    });
  };
  return {
    'account.requested': apply as never,
    'account.activated': apply,
    'profile.updated': apply as never,
    'profile.change_requested': apply as never,
  };
}

export async function appliedEventSeqs(office: Office): Promise<number[]> {
  const rows = await office.ctx.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'test.event_applied')
    .orderBy('id')
    .execute();
  return rows.map((r) => (JSON.parse(r.details!) as { seq: number }).seq);
}

export function activationEvent(familyId: number): PortalEventBody {
  return { type: 'account.activated', familyId, payload: {} };
}

export function accountRequest(n: number): PortalEventBody {
  return {
    type: 'account.requested',
    familyId: null,
    payload: {
      adult: {
        firstName: 'Léa',
        lastName: `Martin ${n}`,
        email: `lea${n}@example.fr`,
        phone: '06 11 22 33 44',
      },
      children: [{ firstName: 'Tom', lastName: `Martin ${n}`, birthDate: '2019-04-02' }],
      message: '',
      privacyAcceptedAt: '2026-11-27T09:00:00.000Z',
      emailKnown: false,
    },
  };
}
