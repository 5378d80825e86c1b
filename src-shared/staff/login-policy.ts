/**
 * How staff sign-in resists password guessing: each consecutive failure is answered a little more
 * slowly, and the fifth locks the account for a quarter of an hour (an admin can unlock it at once
 * by resetting the password). A success resets the count.
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** How long to wait before answering the n-th consecutive failed login (0.4 s each, at most 2 s). */
export function failedLoginDelayMs(failures: number): number {
  return Math.min(2000, 400 * Math.max(0, failures));
}

/** What a failed login does to the account: the new failure count and, when it locks, until when. */
export function afterFailedLogin(
  failures: number,
  now: Date,
): { failures: number; lockedUntil: string | null } {
  const next = failures + 1;
  return next >= MAX_FAILED_LOGINS
    ? { failures: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() }
    : { failures: next, lockedUntil: null };
}
