import type { Kysely } from 'kysely';
import { type LinkState, linkState } from '../../src-shared/portal/parent-account';
import { AppError } from '../../src-shared/result';
import { passwordProblems } from '../../src-shared/staff/password-policy';
import type { PortalFamilyRecord } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';
import { appendEvent } from '../sync/event-log.repository';
import { findFamilyById } from '../sync/families.repository';
import { saveActivatedAccount } from './account.repository';
import { accountMessages } from './account-messages';
import { consumeToken, findToken } from './auth-token.repository';
import { hashPassword } from './password-hash';
import { hashSecret, looksLikeSecret } from './secret-token';
import { type OpenedSession, openSession } from './session.service';

/** Why a mailed link cannot be used: never used but too old, already used or replaced, or not ours. */
export type DeadLinkReason = Exclude<LinkState, 'valid'> | 'unknown';

/** A link that works, and the family it belongs to. */
export type LiveLink = { ok: true; tokenHash: string; family: PortalFamilyRecord };
export type LinkCheck = LiveLink | { ok: false; reason: DeadLinkReason };

/**
 * Whether an invitation link can still be used at `now`: the token exists, was never used nor
 * replaced by a newer invitation, is less than 7 days old, and the office still invites the family.
 */
export async function checkActivationLink(
  db: Kysely<PortalDatabase>,
  token: string,
  now: Date,
): Promise<LinkCheck> {
  if (!looksLikeSecret(token)) return { ok: false, reason: 'unknown' };
  const tokenHash = hashSecret(token);
  const row = await findToken(db, tokenHash, 'activation');
  if (row === undefined) return { ok: false, reason: 'unknown' };
  const state = linkState({ usedAt: row.used_at, expiresAt: row.expires_at }, now);
  if (state !== 'valid') return { ok: false, reason: state };
  const stored = await findFamilyById(db, row.family_id);
  // Revoking the access revokes the links too; this only guards against a record that changed
  // in a way the revocation did not see (deleted, e-mail removed).
  if (stored === null || stored.family.email === null || stored.family.portalAccess !== 'invited') {
    return { ok: false, reason: 'used' };
  }
  return { ok: true, tokenHash, family: stored.family };
}

/** What a new password must not contain: the login (the family's e-mail) and the adults' names. */
export function passwordContext(family: PortalFamilyRecord): { login?: string; name: string } {
  const name = family.adults.map((adult) => `${adult.firstName} ${adult.lastName}`).join(' ');
  return family.email === null ? { name } : { login: family.email, name };
}

/** Refuses a password that breaks the shared policy, with the problems next to the field. */
export function assertAcceptablePassword(password: string, family: PortalFamilyRecord): void {
  const problems = passwordProblems(password, passwordContext(family));
  if (problems.length > 0) {
    throw new AppError('invalid_input', accountMessages.invalidPassword, { password: problems });
  }
}

export type ActivationOutcome = { ok: true; opened: OpenedSession } | { ok: false; reason: DeadLinkReason };

/**
 * The parent follows the invitation link and chooses a password: the account is created (or its
 * password replaced), the link used up, `account.activated` appended to the event log for the
 * office, and a session opened — all in one transaction. A password refused by the policy throws an
 * `invalid_input` AppError and changes nothing.
 */
export async function activateAccount(
  db: Kysely<PortalDatabase>,
  token: string,
  password: string,
  now: Date,
): Promise<ActivationOutcome> {
  const link = await checkActivationLink(db, token, now);
  if (!link.ok) return link;
  assertAcceptablePassword(password, link.family);
  // scrypt takes tens of milliseconds: hash before the transaction, not while holding its locks.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx): Promise<ActivationOutcome> => {
    // Conditional: of two submissions racing with the same link, only one gets past here.
    if (!(await consumeToken(trx, link.tokenHash, now.toISOString()))) return { ok: false, reason: 'used' };
    await saveActivatedAccount(trx, {
      familyId: link.family.id,
      passwordHash,
      invitationId: link.family.invitationId,
      now: now.toISOString(),
    });
    const opened = await openSession(trx, link.family.id, now);
    await appendEvent(trx, { type: 'account.activated', familyId: link.family.id, payload: {} }, now);
    return { ok: true, opened };
  });
}
