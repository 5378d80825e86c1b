import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, type Transaction, sql } from 'kysely';
import type { PortalEvent, PortalEventBody } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';

/**
 * Any constant shared by every portal instance: the key of the PostgreSQL advisory lock that
 * serialises appends to the event log (see `appendEvent`).
 */
const EVENT_LOG_LOCK_KEY = 7_052_117_001;

/**
 * Appends a parent action to the event log the office pulls, in the caller's transaction (so the
 * event exists if and only if the change that caused it commits). Returns its id and sequence number.
 *
 * Sequence numbers and concurrency: the office reads "events after seq N" and then moves its cursor
 * past the last one it saw, so it must never see seq N+1 committed while seq N is still in flight —
 * it would skip N for ever. On PostgreSQL several instances (or pool connections) append at once and
 * a sequence hands out numbers in call order, not commit order. So each append first takes a
 * transaction-level advisory lock, held until commit or rollback: the next appender waits, and
 * allocates its seq only after the previous transaction has ended. Hence seq order = commit order,
 * and whatever a reader sees is a prefix of the log (gaps only where a transaction rolled back). The
 * price is that event-appending transactions run one at a time; keep them short and call this last
 * in the transaction. On SQLite there is one writer at a time anyway (`BEGIN IMMEDIATE`).
 */
export async function appendEvent(
  trx: Transaction<PortalDatabase>,
  body: PortalEventBody,
  now: Date,
): Promise<{ id: string; seq: number }> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(${EVENT_LOG_LOCK_KEY})`.execute(trx);
  }
  const id = randomUUID();
  const row = await trx
    .insertInto('events')
    .values({
      id,
      type: body.type,
      family_id: body.familyId,
      payload: JSON.stringify(body.payload),
      occurred_at: now.toISOString(),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return { id, seq: row.seq };
}

/** Up to `limit` events with a seq greater than `after`, in seq order. */
export async function listEventsAfter(
  db: Kysely<PortalDatabase>,
  after: number,
  limit: number,
): Promise<PortalEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toPortalEvent);
}

/** The events of one family after `after` (e.g. the edits the office has not applied yet). */
export async function listFamilyEventsAfter(
  db: Kysely<PortalDatabase> | Transaction<PortalDatabase>,
  familyId: number,
  after: number,
): Promise<PortalEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('seq', '>', after)
    .orderBy('seq')
    .execute();
  return rows.map(toPortalEvent);
}

/**
 * A stored event as the protocol carries it. The payload was built from the typed event body by
 * `appendEvent`; it is not re-validated here so that an event the current schema would word
 * differently is still delivered (the office validates what it applies).
 */
function toPortalEvent(row: {
  seq: number;
  id: string;
  type: string;
  family_id: number | null;
  payload: string;
  occurred_at: string;
}): PortalEvent {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    type: row.type,
    familyId: row.family_id,
    payload: JSON.parse(row.payload) as unknown,
  } as PortalEvent;
}
