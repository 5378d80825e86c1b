import type { Kysely } from 'kysely';
import { normalizeEmail } from '../../src-shared/domain';
import { isLockedOut, lockAfterFailures, mayLogIn } from '../../src-shared/portal/parent-account';
import type { PortalDatabase } from '../db/database';
import { findFamilyByEmail } from '../sync/families.repository';
import { clearFailedLogins, countFailedLogin, findAccount, lockAccount } from './account.repository';
import { verifyAgainstDummy, verifyPassword } from './password-hash';
import { type OpenedSession, openSession } from './session.service';

/**
 * Why a login failed, as the page tells it: 'invalid' says "e-mail or password incorrect" whatever
 * was wrong; 'locked' comes after repeated failures.
 */
export type LoginOutcome = { ok: true; opened: OpenedSession } | { ok: false; reason: 'invalid' | 'locked' };

export type LoginAttempt = {
  email: string;
  password: string;
  /**
   * Counts one failed attempt against an e-mail with no account that may log in, and says whether
   * that e-mail has now failed more than an account's lockout allows. Such an e-mail then gets the
   * same "locked" answer as a real account would, so that the lockout does not reveal which e-mails
   * have an account.
   */
  failUnknown: (login: string) => Promise<{ locked: boolean }>;
};

/**
 * Logs a parent in with the family's e-mail and password. Unknown e-mails, families whose access is
 * not active and wrong passwords cost the same scrypt time and get the same answer. After
 * `LOCKOUT_THRESHOLD` wrong passwords in a row the account is locked for `LOCKOUT_MS`, during which
 * even the right password is refused. A success clears the count and opens a fresh session (a new
 * random id: the session id is never carried over from before the login).
 */
export async function logIn(
  db: Kysely<PortalDatabase>,
  { email, password, failUnknown }: LoginAttempt,
  now: Date,
): Promise<LoginOutcome> {
  let login: string | null;
  try {
    login = normalizeEmail(email);
  } catch {
    login = null;
  }
  const stored = login === null ? null : await findFamilyByEmail(db, login);
  const account = stored === null ? undefined : await findAccount(db, stored.family.id);
  const eligible =
    stored !== null &&
    account !== undefined &&
    mayLogIn({
      portalAccess: stored.family.portalAccess,
      invitationId: stored.family.invitationId,
      account: { activatedInvitationId: account.activated_invitation_id },
    });

  if (!eligible || stored === null || account === undefined) {
    await verifyAgainstDummy(password);
    const { locked } = await failUnknown(login ?? email.trim().toLowerCase());
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  const familyId = stored.family.id;
  if (isLockedOut(account.locked_until, now)) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: 'locked' };
  }
  if (!(await verifyPassword(password, account.password_hash))) {
    await db.transaction().execute(async (trx) => {
      const lockedUntil = lockAfterFailures(await countFailedLogin(trx, familyId), now);
      if (lockedUntil !== null) await lockAccount(trx, familyId, lockedUntil);
    });
    // The failure that sets the lock is answered like the ones before: the lock shows from the next
    // attempt on, as it does for an unknown e-mail.
    return { ok: false, reason: 'invalid' };
  }
  return db.transaction().execute(async (trx) => {
    await clearFailedLogins(trx, familyId);
    return { ok: true, opened: await openSession(trx, familyId, now) };
  });
}
