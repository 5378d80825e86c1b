import type { AccountRequest } from '../../src-shared/portal/account-request';
import { AppError } from '../../src-shared/result';
import type { PortalDb } from '../db/database';
import { type RateLimitRule, hitRateLimit } from '../http/rate-limit';
import { appendEvent } from '../sync/event-log.repository';
import { findFamilyByEmail } from '../sync/families.repository';

/** A person may correct and resend a few times; a robot may not flood the office's inbox. */
export const accountRequestLimits = {
  perIp: { bucket: 'account-request:ip', limit: 5, windowMs: 60 * 60_000 },
  perEmail: { bucket: 'account-request:email', limit: 3, windowMs: 24 * 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export const accountRequestMessages = {
  rateLimited:
    'Trop de demandes ont été envoyées depuis cette connexion ou pour cette adresse e-mail. Réessayez plus tard, ou contactez directement le service enfance-jeunesse.',
} as const;

/** A refused request: too many of them; `retryAfterSeconds` for the `Retry-After` header. */
export class AccountRequestRateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', accountRequestMessages.rateLimited);
  }
}

/**
 * Records a family's request for a portal account as an `account.requested` event for the office,
 * after the rate limits (per client IP, then per e-mail). `emailKnown` tells the office the address
 * already belongs to a family; the requester is told nothing of it (the same answer either way, so
 * the form cannot be used to find out who has an account).
 */
export async function submitAccountRequest(
  db: PortalDb,
  request: AccountRequest,
  { clientIp, now }: { clientIp: string | undefined; now: Date },
): Promise<void> {
  for (const [rule, key] of [
    [accountRequestLimits.perIp, clientIp ?? 'unknown'],
    [accountRequestLimits.perEmail, request.adult.email],
  ] as const) {
    const verdict = await hitRateLimit(db, rule, key, now);
    if (!verdict.allowed) throw new AccountRequestRateLimited(verdict.retryAfterSeconds);
  }

  await db.transaction().execute(async (trx) => {
    const emailKnown = (await findFamilyByEmail(trx, request.adult.email)) !== null;
    await appendEvent(
      trx,
      {
        type: 'account.requested',
        familyId: null,
        payload: {
          adult: request.adult,
          children: request.children,
          message: request.message,
          privacyAcceptedAt: now.toISOString(),
          emailKnown,
        },
      },
      now,
    );
  });
}
