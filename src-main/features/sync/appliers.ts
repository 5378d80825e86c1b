import type { Transaction } from 'kysely';
import type { PortalEvent, PortalEventType } from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';

/**
 * Applies one portal event to the office database, inside the transaction that also records the
 * event as applied and moves the sync cursor: it must do all its writes with `trx` and may throw
 * to refuse the event (the whole transaction then rolls back and the event is retried later).
 */
export type EventApplier<T extends PortalEventType> = (
  trx: Transaction<OfficeDatabase>,
  event: Extract<PortalEvent, { type: T }>,
  ctx: OfficeContext,
) => Promise<void>;

export type EventAppliers = { [T in PortalEventType]: EventApplier<T> };
