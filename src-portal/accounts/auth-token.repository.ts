import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuthTokenPurpose, AuthTokenTable, PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;
export type AuthTokenRow = Selectable<AuthTokenTable>;

export async function insertToken(
  trx: Transaction<PortalDatabase>,
  token: { hash: string; familyId: number; purpose: AuthTokenPurpose; expiresAt: string; createdAt: string },
): Promise<void> {
  await trx
    .insertInto('auth_tokens')
    .values({
      hash: token.hash,
      family_id: token.familyId,
      purpose: token.purpose,
      expires_at: token.expiresAt,
      used_at: null,
      created_at: token.createdAt,
    })
    .execute();
}

export async function findToken(
  db: Db,
  hash: string,
  purpose: AuthTokenPurpose,
): Promise<AuthTokenRow | undefined> {
  return db
    .selectFrom('auth_tokens')
    .selectAll()
    .where('hash', '=', hash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/**
 * Marks a token used, only if nobody used it first: the update is conditional, so when two requests
 * race with the same link exactly one of them gets `true`.
 */
export async function consumeToken(
  trx: Transaction<PortalDatabase>,
  hash: string,
  now: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Makes every unused link of the family (of one purpose, or all) unusable. */
export async function revokeTokens(
  trx: Transaction<PortalDatabase>,
  familyId: number,
  now: string,
  purpose?: AuthTokenPurpose,
): Promise<void> {
  let query = trx
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('family_id', '=', familyId)
    .where('used_at', 'is', null);
  if (purpose !== undefined) query = query.where('purpose', '=', purpose);
  await query.execute();
}

export async function deleteFamilyTokens(trx: Transaction<PortalDatabase>, familyId: number): Promise<void> {
  await trx.deleteFrom('auth_tokens').where('family_id', '=', familyId).execute();
}

/** Housekeeping: links expired before `before` can only ever say "expired"; they are dropped. */
export async function deleteTokensExpiredBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('auth_tokens').where('expires_at', '<', before).execute();
}
