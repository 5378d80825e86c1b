import { sql, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { PortalEvent } from '../../../src-shared/sync/protocol';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export type OutboxRow = Selectable<OfficeDatabase['sync_outbox']>;
export type SyncStateRow = Selectable<OfficeDatabase['sync_state']>;
export type SyncLogRow = Selectable<OfficeDatabase['sync_log']>;

/** Lines of the sync log kept; older ones are trimmed after each run. */
export const SYNC_LOG_KEEP = 1000;

/**
 * A pending row (aliased `o`) is superseded when a pending row carries a newer version of the same
 * record: the portal would ignore the older one anyway, so it need not travel. Uses the index on
 * (entity, entity_id, version).
 */
const superseded = sql<SqlBool>`exists (
  select 1 from sync_outbox as newer
  where newer.entity = o.entity and newer.entity_id = o.entity_id and newer.pushed_at is null
    and (newer.version > o.version or (newer.version = o.version and newer.seq > o.seq)))`;

/**
 * The next rows to push, in commit order: the newest pending version of each record only, after
 * `afterSeq` (the last row of a batch still in flight, so the next one can be read meanwhile).
 */
export async function pendingBatch(db: Db, limit: number, afterSeq = 0): Promise<OutboxRow[]> {
  return db
    .selectFrom('sync_outbox as o')
    .selectAll('o')
    .where('o.pushed_at', 'is', null)
    .where('o.seq', '>', afterSeq)
    .where(sql<SqlBool>`not ${superseded}`)
    .orderBy('o.seq')
    .limit(limit)
    .execute();
}

/** How many records a push would send now (pending rows, each record counted once). */
export async function countPendingRecords(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sync_outbox as o')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.pushed_at', 'is', null)
    .where(sql<SqlBool>`not ${superseded}`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Outbox rows not pushed yet (each change counted) and the date of the oldest. */
export async function pendingChanges(db: Db): Promise<{ count: number; oldestAt: string | null }> {
  const row = await db
    .selectFrom('sync_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('pushed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldestAt: (row.oldest as string | null) ?? null };
}

/**
 * Marks a pushed batch: every pending row up to its last one. Those not in the batch were left out
 * because a newer pending row of the same record supersedes them: that row is either in the batch
 * or still pending (a newer version commits later, so its seq is higher), so nothing the portal
 * needs is dropped. Rows committed after the batch was read have higher seqs and stay pending.
 * One statement: a crash leaves either the whole batch pending (pushed again, harmlessly) or done.
 */
export async function markPushed(db: Db, batch: OutboxRow[], at: string) {
  const last = batch.at(-1);
  if (!last) return;
  await db
    .updateTable('sync_outbox')
    .set({ pushed_at: at })
    .where('pushed_at', 'is', null)
    .where('seq', '<=', last.seq)
    .execute();
}

/** Forgets rows the portal acknowledged long ago; pending rows are never touched. */
export async function deletePushedBefore(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('sync_outbox')
    .where('pushed_at', 'is not', null)
    .where('pushed_at', '<', before)
    .execute();
}

export async function readSyncState(db: Db): Promise<SyncStateRow> {
  return db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function updateSyncState(
  db: Db,
  patch: Partial<Omit<SyncStateRow, 'id' | 'events_cursor'>>,
): Promise<void> {
  await db.updateTable('sync_state').set(patch).where('id', '=', 1).execute();
}

/** Counts a failed run: one more consecutive failure, and its French reason. */
export async function recordSyncFailure(db: Db, error: string): Promise<SyncStateRow> {
  await db
    .updateTable('sync_state')
    .set((eb) => ({ last_error: error, consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('id', '=', 1)
    .execute();
  return readSyncState(db);
}

export async function isEventApplied(trx: Transaction<OfficeDatabase>, eventId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('sync_applied_events')
    .select('event_id')
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordAppliedEvent(
  trx: Transaction<OfficeDatabase>,
  event: PortalEvent,
  at: string,
): Promise<void> {
  await trx
    .insertInto('sync_applied_events')
    .values({ event_id: event.id, seq: event.seq, type: event.type, applied_at: at })
    .execute();
}

/** Moves the cursor forward to `seq` (never back). */
export async function advanceCursor(trx: Transaction<OfficeDatabase>, seq: number): Promise<void> {
  await trx
    .updateTable('sync_state')
    .set((eb) => ({
      events_cursor: sql<number>`max(${eb.ref('events_cursor')}, ${seq})`,
    }))
    .where('id', '=', 1)
    .execute();
}

export async function insertSyncLog(
  db: Db,
  entry: {
    at: string;
    level: 'info' | 'error';
    message: string;
    pushed: number;
    pulled: number;
    origin: 'schedule' | 'manual';
    durationMs: number;
  },
): Promise<void> {
  await db
    .insertInto('sync_log')
    .values({
      at: entry.at,
      level: entry.level,
      message: entry.message,
      pushed: entry.pushed,
      pulled: entry.pulled,
      origin: entry.origin,
      duration_ms: entry.durationMs,
    })
    .execute();
  await db
    .deleteFrom('sync_log')
    .where('id', '<=', (eb) =>
      eb
        .selectFrom('sync_log')
        .select((e) => sql<number>`${e.fn.max('id')} - ${SYNC_LOG_KEEP}`.as('limit_id'))
        .$asScalar(),
    )
    .execute();
}

export async function listSyncLog(
  db: Db,
  query: { beforeId?: number | undefined; limit: number },
): Promise<{ rows: SyncLogRow[]; hasMore: boolean }> {
  let q = db
    .selectFrom('sync_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId);
  const rows = await q.execute();
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

export async function lastSyncLog(db: Db): Promise<SyncLogRow | undefined> {
  return db.selectFrom('sync_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}
