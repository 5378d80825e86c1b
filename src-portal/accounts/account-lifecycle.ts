import type { Transaction } from 'kysely';
import { invitationEmail } from '../../src-shared/mail/templates';
import { ACTIVATION_LINK_TTL_MS } from '../../src-shared/portal/parent-account';
import type { PortalFamilyRecord } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';
import { deleteAppliedChanges, deleteFamilyPendingChanges } from '../family/pending-change.repository';
import { enqueueMail } from '../mail/mail.queue';
import { deleteAccount } from './account.repository';
import { accountLinks } from './account-links';
import {
  deleteFamilyTokens,
  deleteTokensExpiredBefore,
  insertToken,
  revokeTokens,
} from './auth-token.repository';
import { communeNameForMail } from './commune-name';
import { hashSecret, newSecret } from './secret-token';
import { deleteFamilySessions } from './session.repository';

/** Expired links are kept this long (to say "expired" rather than "unknown"), then dropped. */
const EXPIRED_LINKS_KEPT_MS = 30 * 24 * 60 * 60_000;

/**
 * What a family's parent account must do when the office's version of the family changes. The sync
 * engine calls this in the push transaction, right after storing (or deleting) a family record, with
 * the record it replaced (`previous`, null when new) and the one now stored (`next`, null when
 * deleted). It uses `trx` only, so that the invitation, the revoked links and the ended sessions
 * commit or roll back with the record itself.
 *
 * - `next.portalAccess === 'invited'` with a new non-null `invitationId`: earlier activation links
 *   are revoked, a new one (valid 7 days) is created and the invitation e-mail is queued. Also when
 *   the e-mail of an invited family changes: the link must reach the new address, and the old one
 *   no longer works.
 * - access becomes 'none' or 'disabled': links revoked, sessions ended, the password forgotten (a
 *   new access starts with a new invitation). A deleted record: everything of the family goes.
 * - the family e-mail (the parent's login) changes: sessions ended and mailed links revoked.
 * - pending "Ma famille" edits the office has now applied (`lastAppliedEventSeq`) are cleared.
 */
export async function afterFamilyRecordStored(
  trx: Transaction<PortalDatabase>,
  previous: PortalFamilyRecord | null,
  next: PortalFamilyRecord | null,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  // A family whose stored access was none or disabled (or that was unknown) holds no link, session,
  // password or pending edit: they are all dropped on the way to none/disabled and never created
  // there. Skipping the revocations then keeps a full push of a large commune (thousands of
  // families without access) to a few statements per batch instead of four per family.
  const mayHoldAccountData =
    previous !== null && (previous.portalAccess === 'invited' || previous.portalAccess === 'active');
  if (next === null) {
    if (!mayHoldAccountData) return;
    await deleteFamilyTokens(trx, previous.id);
    await deleteFamilySessions(trx, previous.id);
    await deleteAccount(trx, previous.id);
    await deleteFamilyPendingChanges(trx, previous.id);
    return;
  }

  const familyId = next.id;
  if (next.portalAccess === 'none' || next.portalAccess === 'disabled') {
    if (mayHoldAccountData) {
      await revokeTokens(trx, familyId, at);
      await deleteFamilySessions(trx, familyId);
      await deleteAccount(trx, familyId);
    }
  } else {
    const emailChanged = previous !== null && previous.email !== next.email;
    if (emailChanged && mayHoldAccountData) {
      await revokeTokens(trx, familyId, at);
      await deleteFamilySessions(trx, familyId);
    }
    const invitationChanged = next.invitationId !== (previous?.invitationId ?? null);
    if (
      next.portalAccess === 'invited' &&
      next.invitationId !== null &&
      next.email !== null &&
      (invitationChanged || emailChanged)
    ) {
      await sendInvitation(trx, { id: familyId, email: next.email }, now);
    }
  }
  // A pending edit's event is newer than any event the office had applied when `previous` was
  // stored (sequence numbers only grow), so only a newer `lastAppliedEventSeq` can clear one.
  if (mayHoldAccountData && next.lastAppliedEventSeq > previous.lastAppliedEventSeq) {
    await deleteAppliedChanges(trx, familyId, next.lastAppliedEventSeq);
  }
}

async function sendInvitation(
  trx: Transaction<PortalDatabase>,
  family: { id: number; email: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await revokeTokens(trx, family.id, at, 'activation');
  await deleteTokensExpiredBefore(trx, new Date(now.getTime() - EXPIRED_LINKS_KEPT_MS).toISOString());
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + ACTIVATION_LINK_TTL_MS).toISOString();
  await insertToken(trx, {
    hash: hashSecret(token),
    familyId: family.id,
    purpose: 'activation',
    expiresAt,
    createdAt: at,
  });
  const mail = invitationEmail({
    communeName: await communeNameForMail(trx),
    link: accountLinks().activation(token),
    expiresAt,
  });
  await enqueueMail(trx, { ...mail, to: family.email, kind: 'invitation' }, now);
}
