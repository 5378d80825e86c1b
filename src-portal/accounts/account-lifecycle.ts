import type { Transaction } from 'kysely';
import type { PortalFamilyRecord } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';

/**
 * What a family's parent account must do when the office's version of the family changes. The sync
 * engine calls this in the push transaction, right after storing (or deleting) a family record, with
 * the record it replaced (`previous`, null when new) and the one now stored (`next`, null when
 * deleted). It uses `trx` only, so that the invitation, the revoked tokens and the ended sessions
 * commit or roll back with the record itself.
 *
 * - `next.portalAccess === 'invited'` with a new non-null `invitationId`: earlier activation links
 *   are revoked, a new one is created and the invitation e-mail is queued.
 * - access becomes 'none' or 'disabled', or the record is deleted: links revoked, sessions ended.
 * - the family e-mail (the parent's login) changes: sessions ended.
 * - pending "Ma famille" edits the office has now applied (`lastAppliedEventSeq`) are cleared.
 */
export async function afterFamilyRecordStored(
  trx: Transaction<PortalDatabase>,
  previous: PortalFamilyRecord | null,
  next: PortalFamilyRecord | null,
  now: Date,
): Promise<void> {
  // The behaviour above lands with the parent-account tables (next commits of the same engineer).
  void trx;
  void previous;
  void next;
  void now;
}
