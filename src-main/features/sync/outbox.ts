import type { Transaction } from 'kysely';
import { asciiJson, type SyncRecord } from '../../../src-shared/sync/protocol';
import type { OfficeDatabase } from '../../db/schema';

const queuedListeners = new Set<() => void>();
let nudgeScheduled = false;

function nudge(): void {
  nudgeScheduled = false;
  for (const listener of queuedListeners) listener();
}

/**
 * Calls `listener` soon after any record is queued (the sync's nudge). It runs on a later tick, when
 * the queuing transaction has committed or is about to. Returns the unsubscribe function.
 */
export function onRecordQueued(listener: () => void): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

/**
 * Queues a record for the portal. Call it with the transaction that makes the change, so the
 * portal eventually sees exactly what was committed, in commit order. `record.data` is the whole
 * record the portal keeps (or null to delete it), stored as ASCII JSON (see `asciiJson`);
 * `record.version` must grow with each change.
 */
export async function recordChange(
  trx: Transaction<OfficeDatabase>,
  record: SyncRecord,
  at: string,
): Promise<void> {
  await trx
    .insertInto('sync_outbox')
    .values({
      entity: record.entity,
      entity_id: record.id,
      version: record.version,
      payload: record.data === null ? null : asciiJson(record.data),
      created_at: at,
      pushed_at: null,
    })
    .execute();
  // One nudge for all the records a change queues (thousands for a new portal address).
  if (queuedListeners.size > 0 && !nudgeScheduled) {
    nudgeScheduled = true;
    setImmediate(nudge);
  }
}
