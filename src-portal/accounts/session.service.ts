import type { Kysely, Transaction } from 'kysely';
import {
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  isSessionAlive,
  mayLogIn,
} from '../../src-shared/portal/parent-account';
import type { PortalDatabase } from '../db/database';
import { findFamilyById } from '../sync/families.repository';
import { findAccount } from './account.repository';
import { hashSecret, looksLikeSecret, newSecret } from './secret-token';
import {
  deleteDeadSessions,
  deleteSession,
  findSession,
  insertSession,
  touchSession,
} from './session.repository';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;

/** A logged-in parent, as the routes see it. */
export type ParentSession = {
  /** The stored id: the SHA-256 of the cookie value. */
  id: string;
  familyId: number;
  /** The session's anti-CSRF token, expected in every form the parent posts. */
  csrfToken: string;
};

/** What to put in the parent's cookie (the only place the raw value exists) and the session itself. */
export type OpenedSession = { cookieValue: string; session: ParentSession };

/**
 * Starts a session for the family's parent. Called in the transaction that proved who they are
 * (login, activation, reset), so the session exists only if that commits. Dead sessions of everyone
 * are swept at the same time: logins are rare enough for this to cost nothing.
 */
export async function openSession(db: Db, familyId: number, now: Date): Promise<OpenedSession> {
  const cookieValue = newSecret();
  const session: ParentSession = { id: hashSecret(cookieValue), familyId, csrfToken: newSecret() };
  const at = now.toISOString();
  await deleteDeadSessions(db, at, new Date(now.getTime() - SESSION_IDLE_MS).toISOString());
  await insertSession(db, {
    id: session.id,
    family_id: familyId,
    csrf_token: session.csrfToken,
    created_at: at,
    last_seen_at: at,
    expires_at: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
  });
  return { cookieValue, session };
}

/** Writing `last_seen_at` on every request would make every page view a write: once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The session a cookie value designates, if it is alive at `now` (not idle for too long, not past its
 * lifetime); a dead one is deleted. Marks it seen.
 */
export async function resolveSession(
  db: Kysely<PortalDatabase>,
  cookieValue: string,
  now: Date,
): Promise<ParentSession | null> {
  if (!looksLikeSecret(cookieValue)) return null;
  const row = await findSession(db, hashSecret(cookieValue));
  if (row === undefined) return null;
  if (!isSessionAlive({ lastSeenAt: row.last_seen_at, expiresAt: row.expires_at }, now)) {
    await deleteSession(db, row.id);
    return null;
  }
  if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    await touchSession(db, row.id, now.toISOString());
  }
  return { id: row.id, familyId: row.family_id, csrfToken: row.csrf_token };
}

/** Ends one session (logout, or a session whose family may no longer log in). */
export async function closeSession(db: Kysely<PortalDatabase>, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/**
 * The logged-in parent of a request: the session of the cookie, alive, and whose family may still log
 * in (the office can revoke or disable the access, or delete the family, at any time; the sync hook
 * ends the sessions then, and this check covers any record it did not see). A session that fails the
 * check is ended.
 */
export async function resolveParentSession(
  db: Kysely<PortalDatabase>,
  cookieValue: string,
  now: Date,
): Promise<ParentSession | null> {
  const session = await resolveSession(db, cookieValue, now);
  if (session === null) return null;
  const [stored, account] = await Promise.all([
    findFamilyById(db, session.familyId),
    findAccount(db, session.familyId),
  ]);
  const allowed =
    stored !== null &&
    account !== undefined &&
    mayLogIn({
      portalAccess: stored.family.portalAccess,
      invitationId: stored.family.invitationId,
      account: { activatedInvitationId: account.activated_invitation_id },
    });
  if (!allowed) {
    await closeSession(db, session.id);
    return null;
  }
  return session;
}
