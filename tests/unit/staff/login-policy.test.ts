import { describe, expect, it } from 'vitest';
import {
  afterFailedLogin,
  failedLoginDelayMs,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
} from '../../../src-shared/staff/login-policy';

describe('staff login policy', () => {
  const now = new Date('2026-10-25T00:30:00.000Z'); // the night summer time ends in Paris

  it('counts failures below the limit without locking', () => {
    expect(afterFailedLogin(0, now)).toEqual({ failures: 1, lockedUntil: null });
    expect(afterFailedLogin(MAX_FAILED_LOGINS - 2, now)).toEqual({
      failures: MAX_FAILED_LOGINS - 1,
      lockedUntil: null,
    });
  });

  it('locks for 15 minutes of real time on the fifth consecutive failure and starts counting again', () => {
    expect(LOCK_MINUTES).toBe(15);
    expect(afterFailedLogin(MAX_FAILED_LOGINS - 1, now)).toEqual({
      failures: 0,
      lockedUntil: '2026-10-25T00:45:00.000Z',
    });
  });

  it('slows each consecutive failure down a little more, never beyond 2 seconds', () => {
    expect([0, 1, 2, 4, 5, 50].map(failedLoginDelayMs)).toEqual([0, 400, 800, 1600, 2000, 2000]);
  });
});
