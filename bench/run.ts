/**
 * `npm run bench [-- --size small|large] [--json PATH]`: the performance figures of the product,
 * measured in one run on a synthetic commune (large = 5,000 families, about 8,000 children).
 *
 * - families.search.p50_ms / p95_ms: the office's family search, called through the API exactly as
 *   the UI calls it (validation, session, service, SQLite), over a mix of realistic queries.
 * - sync.push.records_per_s: every family pushed by the office's sync client to a real portal
 *   process on loopback (HTTP, JSON, validation, one transaction per batch, version checks).
 * - sync.push.raw_records_per_s: the same rows inserted straight into a fresh portal database
 *   (multi-row inserts in one transaction): the ceiling the protocol's cost is compared with.
 * - sync.push.ratio: the first over the second — the figure that matters (target ≥ 0.25).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSyntheticFamilies, seededRandom } from '../src-main/features/families/families.synthetic';
import { openOffice } from '../src-main/office';
import { parseDatabaseUrl } from '../src-portal/db/database-url';
import { migrateToLatest } from '../src-portal/db/migrate';
import { openDatabase } from '../src-portal/db/open';
import { foldText } from '../src-shared/families/search';
import {
  encodeSyncRecords,
  SYNC_BATCH_MAX,
  SYNC_PUSH_MEDIA_TYPE,
  type PortalFamilyRecord,
} from '../src-shared/sync/protocol';

type Figure = { name: string; value: number; unit: string };

const SIZES = { small: 500, large: 5000 } as const;
const root = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: { size: { type: 'string', default: 'large' }, json: { type: 'string' } },
});
const size = values.size as keyof typeof SIZES;
if (!(size in SIZES)) throw new Error(`--size must be small or large (got ${values.size})`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'alp-bench-'));
const figures: Figure[] = [];
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
/** Measured rounds of the sync figures (the median is reported). */
const ROUNDS = 3;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Ids the office never uses, for the throwaway families that warm both portals up. */
const WARM_UP_ID = 900_000_000;

async function main() {
  const office = await openOffice({
    dataDir: path.join(work, 'office'),
    migrationsDir: path.join(root, 'migrations', 'office'),
    mode: 'browser',
    appVersion: 'bench',
    loginDelay: async () => undefined,
    log: () => undefined,
    backgroundWork: false,
  });
  const admin = { clientId: 'bench' };
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await office.call(admin, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  await call('setup.create', {
    communeName: 'Lapalud',
    displayName: 'Banc d’essai',
    login: 'bench',
    password: 'Mesure-Rapide-2026!',
  });

  // The commune.
  let t = performance.now();
  // Not queued for the portal here: pointing the office at each portal queues them all, as it does
  // for a real new portal.
  const created = await createSyntheticFamilies(office.ctx.db, {
    count: SIZES[size],
    seed: 42,
    pushToPortal: false,
  });
  const generateMs = performance.now() - t;
  console.log(
    `commune "${size}": ${created.families} families, ${created.adults} adults, ${created.children} children (generated in ${Math.round(generateMs)} ms)`,
  );

  // Search: queries drawn from the commune itself, as staff type them (no accents, partial).
  const adults = await office.ctx.db
    .selectFrom('family_adults')
    .select(['last_name', 'first_name'])
    .execute();
  const children = await office.ctx.db.selectFrom('children').select(['first_name']).execute();
  const families = await office.ctx.db.selectFrom('families').select(['email']).execute();
  const random = seededRandom(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const queries: string[] = [];
  for (let i = 0; i < 600; i++) {
    const kind = i % 6;
    if (kind === 0) queries.push(foldText(pick(adults).last_name).slice(0, 3 + Math.floor(random() * 4)));
    else if (kind === 1) queries.push(foldText(pick(adults).last_name));
    else if (kind === 2) queries.push(foldText(pick(children).first_name).slice(0, 4));
    else if (kind === 3)
      queries.push(`${foldText(pick(adults).first_name)} ${foldText(pick(adults).last_name).slice(0, 2)}`);
    else if (kind === 4) queries.push(`06 ${String(10 + Math.floor(random() * 89))}`);
    else queries.push((pick(families).email ?? 'martin').split('@')[0]!.slice(0, 6));
  }
  for (const query of queries.slice(0, 50)) await call('families.search', { query });
  const timings: number[] = [];
  for (const query of queries) {
    t = performance.now();
    await call('families.search', { query });
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);
  figures.push({ name: 'families.search.p50_ms', value: round(percentile(timings, 0.5)), unit: 'ms' });
  figures.push({ name: 'families.search.p95_ms', value: round(percentile(timings, 0.95)), unit: 'ms' });

  // Sync push to a real portal process on loopback, in three rounds, each to a fresh portal that the
  // office is pointed at (which queues every family and the settings for it): the median is kept,
  // so that one hiccup of the machine does not decide the figure.
  let rows: Array<{ entity_id: string; version: number; payload: string | null }> = [];
  let throwaway: PortalFamilyRecord[] = [];
  const pushRates: number[] = [];
  for (let n = 1; n <= ROUNDS; n++) pushRates.push(await measurePush(n));
  const pushRate = Math.round(median(pushRates));
  figures.push({ name: 'sync.push.records_per_s', value: pushRate, unit: 'records/s' });

  async function measurePush(n: number): Promise<number> {
    const secret = randomBytes(32).toString('hex');
    const port = await freePort();
    const portal = spawn(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'src-portal', 'cli.ts')],
      {
        env: {
          ...process.env,
          PORTAL_PORT: String(port),
          PORTAL_DATA_DIR: path.join(work, `portal-${n}`),
          PORTAL_SYNC_SECRET: secret,
          PORTAL_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; ; i++) {
        const up = await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        if (i > 200) throw new Error('the portal did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      let t = performance.now();
      await call('sync.updateSettings', { portalUrl: url, secret, intervalMinutes: 60, enabled: false });
      const queueMs = performance.now() - t;
      if (rows.length === 0) {
        // The records the push will send, as the office queued them.
        rows = await office.ctx.db
          .selectFrom('sync_outbox')
          .select(['entity_id', 'version', 'payload'])
          .where('entity', '=', 'family')
          .orderBy('seq')
          .execute();
        throwaway = warmUpFamilies(rows);
      }
      // Warm-up, as for the search: a fresh process compiles its validators and optimises its hot
      // code during its first requests, which a long-running portal did long ago. As many
      // throwaway families as the commune has (ids the office never uses) are pushed, then
      // deleted, in batches of the office's size that mix both, as the office's own batches do.
      // (Batches of one kind each, alternating, left the measured push some 8 % slower than this.)
      const warmUp = async (records: Parameters<typeof encodeSyncRecords>[0]) => {
        const response = await fetch(`${url}/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': SYNC_PUSH_MEDIA_TYPE },
          body: encodeSyncRecords(records),
        });
        if (!response.ok)
          throw new Error(`warm-up push refused: ${response.status} ${await response.text()}`);
      };
      // Each batch: half new families, and the deletion of the half sent by the batch before.
      const half = SYNC_BATCH_MAX / 2;
      for (let i = 0; i < throwaway.length + half; i += half) {
        await warmUp([
          ...throwaway
            .slice(i, i + half)
            .map((family) => ({ entity: 'family', id: String(family.id), version: 1, data: family })),
          ...throwaway
            .slice(Math.max(0, i - half), i)
            .map((family) => ({ entity: 'family', id: String(family.id), version: 2, data: null })),
        ]);
      }
      const pending = await office.ctx.db
        .selectFrom('sync_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pushed_at', 'is', null)
        .executeTakeFirstOrThrow();
      // The push phase, timed from the sync client's own progress events: from its start (nothing
      // sent yet) to the moment the last batch is acknowledged and marked pushed.
      let pushStart: number | null = null;
      let pushEnd: number | null = null;
      const stopListening = office.onEvent((event) => {
        if (event.name !== 'sync.progress') return;
        const progress = event.payload as {
          running: boolean;
          phase?: string;
          done?: number;
          total?: number | null;
        };
        if (!progress.running || progress.phase !== 'push') return;
        if (progress.done === 0) pushStart = performance.now();
        else if (progress.done === progress.total) pushEnd = performance.now();
      });
      t = performance.now();
      const summary = await call<{ pushed: number; ok: boolean; error: string | null }>('sync.runNow', {});
      const runMs = performance.now() - t;
      stopListening();
      if (!summary.ok) throw new Error(`sync failed: ${summary.error}`);
      if (pushStart === null || pushEnd === null) throw new Error('no push progress was reported');
      if (summary.pushed !== Number(pending.n))
        throw new Error(`${summary.pushed} of ${pending.n} records pushed`);
      const pushMs = pushEnd - pushStart;
      console.log(
        `sync push ${n}/${ROUNDS}: ${summary.pushed} records in ${Math.round(pushMs)} ms (whole run ${Math.round(runMs)} ms; queued for the new portal in ${Math.round(queueMs)} ms)`,
      );
      return (summary.pushed / pushMs) * 1000;
    } finally {
      portal.kill('SIGTERM');
    }
  }

  // The same rows straight into a fresh portal database.
  const handle = await openDatabase(
    parseDatabaseUrl(`sqlite:${path.join(work, 'raw', 'portal.sqlite')}`, work),
  );
  await migrateToLatest(handle.db);
  // The rows as the portal's table holds them, prepared before the clock starts: only the inserts
  // are timed, in one transaction, in multi-row statements of 500 — after a warm-up like the push's,
  // in three rounds into the emptied table, the median kept.
  const at = new Date().toISOString();
  const toRow = (data: PortalFamilyRecord, version: number) => ({
    id: data.id,
    email: data.email,
    portal_access: data.portalAccess,
    invitation_id: data.invitationId,
    version,
    data: JSON.stringify(data),
    last_applied_event_seq: data.lastAppliedEventSeq,
    updated_at: at,
  });
  const tableRows = rows.map((row) => toRow(JSON.parse(row.payload!) as PortalFamilyRecord, row.version));
  const insertAll = (list: typeof tableRows) =>
    handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < list.length; i += 500) {
        await trx
          .insertInto('families')
          .values(list.slice(i, i + 500))
          .execute();
      }
    });
  await insertAll(throwaway.map((family) => toRow(family, 1)));
  await handle.db.deleteFrom('families').execute();
  const rawRates: number[] = [];
  for (let n = 1; n <= ROUNDS; n++) {
    const t = performance.now();
    await insertAll(tableRows);
    rawRates.push((rows.length / (performance.now() - t)) * 1000);
    await handle.db.deleteFrom('families').execute();
  }
  await handle.close();
  const raw = Math.round(median(rawRates));
  figures.push({ name: 'sync.push.raw_records_per_s', value: raw, unit: 'records/s' });
  figures.push({ name: 'sync.push.ratio', value: round(pushRate / raw, 3), unit: 'ratio' });

  await office.close();
  console.log('');
  console.table(figures);
  if (values.json) {
    fs.writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`figures written to ${values.json}`);
  }
}

/**
 * Throwaway families shaped like the commune's own, as many, under ids and e-mails the office never
 * uses: a warm-up with the real shapes and volume of the data, as a long-running portal would have
 * seen them.
 */
function warmUpFamilies(rows: Array<{ payload: string | null }>): PortalFamilyRecord[] {
  return rows.map((row, i) => {
    const family = JSON.parse(row.payload!) as PortalFamilyRecord;
    return {
      ...family,
      id: WARM_UP_ID + i,
      email: family.email === null ? null : `echauffement-${i}@example.org`,
    };
  });
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
