import type { PortalAccess } from '../families/family';

/**
 * The rules of a parent's portal account: how long the mailed links and the sessions last, when
 * repeated failed logins lock the account, and who may log in. Pure: the current instant is always a
 * parameter.
 */

/** An invitation link is valid 7 days (issue 4). */
export const ACTIVATION_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
/** A password-reset link is valid 1 hour (issue 4). */
export const RESET_LINK_TTL_MS = 60 * 60_000;
/** A session ends after 30 minutes without a request: parents use shared phones and library PCs. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and in any case 12 hours after the login. */
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** This many wrong passwords in a row lock the account… */
export const LOCKOUT_THRESHOLD = 5;
/** …for this long. */
export const LOCKOUT_MS = 15 * 60_000;

/** What the portal knows of a family's account when deciding whether its parent may log in. */
export type LoginEligibility = {
  /** The access the office last pushed for the family. */
  portalAccess: PortalAccess;
  /** The invitation the office last pushed. */
  invitationId: string | null;
  /** The parent's account on the portal, if a password was ever chosen. */
  account: { activatedInvitationId: string | null } | null;
};

/**
 * Whether the family's parent may log in: the office says the access is active and a password
 * exists, or the parent has just activated the current invitation and the office has not pulled the
 * `account.activated` event yet (it still says 'invited'). 'none' and 'disabled' never log in.
 */
export function mayLogIn({ portalAccess, invitationId, account }: LoginEligibility): boolean {
  if (account === null) return false;
  if (portalAccess === 'active') return true;
  return (
    portalAccess === 'invited' && invitationId !== null && account.activatedInvitationId === invitationId
  );
}

/** Whether a lockout set at `lockedUntil` (UTC ISO) still holds at `now`. */
export function isLockedOut(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}

/**
 * The lock to set after `consecutiveFailures` wrong passwords in a row, or null for none yet: the
 * `LOCKOUT_THRESHOLD`-th failure locks the account for `LOCKOUT_MS` (and the count starts again, so
 * the next lock needs as many new failures).
 */
export function lockAfterFailures(consecutiveFailures: number, now: Date): string | null {
  return consecutiveFailures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
}

/** Whether a session created and last seen at these instants is still alive at `now`. */
export function isSessionAlive(session: { lastSeenAt: string; expiresAt: string }, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(session.expiresAt) > t && Date.parse(session.lastSeenAt) + SESSION_IDLE_MS > t;
}

/** Why a mailed link does not work any more, or 'valid'. */
export type LinkState = 'valid' | 'used' | 'expired';

export function linkState(token: { usedAt: string | null; expiresAt: string }, now: Date): LinkState {
  if (token.usedAt !== null) return 'used';
  return Date.parse(token.expiresAt) > now.getTime() ? 'valid' : 'expired';
}
