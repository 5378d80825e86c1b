import type { Kysely } from 'kysely';
import { normalizeEmail } from '../../src-shared/domain';
import { passwordResetEmail } from '../../src-shared/mail/templates';
import { RESET_LINK_TTL_MS, linkState, mayLogIn } from '../../src-shared/portal/parent-account';
import type { PortalFamilyRecord } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';
import { enqueueMail } from '../mail/mail.queue';
import { type StoredFamily, findFamilyByEmail, findFamilyById } from '../sync/families.repository';
import { findAccount, savePassword } from './account.repository';
import { accountLinks } from './account-links';
import { type DeadLinkReason, assertAcceptablePassword } from './activation.service';
import { consumeToken, findToken, insertToken, revokeTokens } from './auth-token.repository';
import { communeNameForMail } from './commune-name';
import { hashPassword } from './password-hash';
import { hashSecret, looksLikeSecret, newSecret } from './secret-token';
import { deleteFamilySessions } from './session.repository';
import { type OpenedSession, openSession } from './session.service';

/**
 * Whether the family's parent may reset a password: the office says the access is active (even if
 * this portal has no password for it, e.g. a portal database restored from an old backup: the mailed
 * link proves the parent holds the address), or the parent activated the current invitation.
 */
async function mayReset(db: Kysely<PortalDatabase>, stored: StoredFamily | null): Promise<boolean> {
  if (stored === null || stored.family.email === null) return false;
  const { family } = stored;
  if (family.portalAccess === 'active') return true;
  const account = await findAccount(db, family.id);
  return mayLogIn({
    portalAccess: family.portalAccess,
    invitationId: family.invitationId,
    account: account === undefined ? null : { activatedInvitationId: account.activated_invitation_id },
  });
}

/**
 * "Mot de passe oublié": when `email` is the login of an account that may log in, earlier reset links
 * are revoked and a new one (valid 1 hour) is mailed. Otherwise nothing happens. Either way the
 * caller shows the same answer, so the form does not tell which addresses have an account.
 */
export async function requestPasswordReset(
  db: Kysely<PortalDatabase>,
  email: string,
  now: Date,
): Promise<void> {
  let login: string;
  try {
    login = normalizeEmail(email);
  } catch {
    return;
  }
  const stored = await findFamilyByEmail(db, login);
  if (stored === null || !(await mayReset(db, stored))) return;
  const familyId = stored.family.id;
  const token = newSecret();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await revokeTokens(trx, familyId, at, 'reset');
    await insertToken(trx, { hash: hashSecret(token), familyId, purpose: 'reset', expiresAt, createdAt: at });
    const mail = passwordResetEmail({
      communeName: await communeNameForMail(trx),
      link: accountLinks().passwordReset(token),
      expiresAt,
    });
    await enqueueMail(trx, { ...mail, to: login, kind: 'password_reset' }, now);
  });
}

export type ResetLinkCheck =
  { ok: true; tokenHash: string; family: PortalFamilyRecord } | { ok: false; reason: DeadLinkReason };

/** Whether a reset link can still be used at `now` (exists, unused, less than 1 hour old, access kept). */
export async function checkResetLink(
  db: Kysely<PortalDatabase>,
  token: string,
  now: Date,
): Promise<ResetLinkCheck> {
  if (!looksLikeSecret(token)) return { ok: false, reason: 'unknown' };
  const tokenHash = hashSecret(token);
  const row = await findToken(db, tokenHash, 'reset');
  if (row === undefined) return { ok: false, reason: 'unknown' };
  const state = linkState({ usedAt: row.used_at, expiresAt: row.expires_at }, now);
  if (state !== 'valid') return { ok: false, reason: state };
  const stored = await findFamilyById(db, row.family_id);
  if (!(await mayReset(db, stored)) || stored === null) return { ok: false, reason: 'used' };
  return { ok: true, tokenHash, family: stored.family };
}

export type ResetOutcome = { ok: true; opened: OpenedSession } | { ok: false; reason: DeadLinkReason };

/**
 * Sets the password chosen from a reset link, in one transaction: the link is used up, the lockout
 * lifted, every other session of the family ended (whoever knew the old password is out), and a new
 * session opened. A password refused by the policy throws an `invalid_input` AppError.
 */
export async function resetPassword(
  db: Kysely<PortalDatabase>,
  token: string,
  password: string,
  now: Date,
): Promise<ResetOutcome> {
  const link = await checkResetLink(db, token, now);
  if (!link.ok) return link;
  assertAcceptablePassword(password, link.family);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx): Promise<ResetOutcome> => {
    if (!(await consumeToken(trx, link.tokenHash, now.toISOString()))) return { ok: false, reason: 'used' };
    await savePassword(trx, link.family.id, passwordHash, now.toISOString());
    await deleteFamilySessions(trx, link.family.id);
    return { ok: true, opened: await openSession(trx, link.family.id, now) };
  });
}
