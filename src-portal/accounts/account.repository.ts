import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ParentAccountTable, PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;
export type ParentAccountRow = Selectable<ParentAccountTable>;

export async function findAccount(db: Db, familyId: number): Promise<ParentAccountRow | undefined> {
  return db.selectFrom('parent_accounts').selectAll().where('family_id', '=', familyId).executeTakeFirst();
}

/**
 * Stores the password a parent chose from an invitation link: creates the account, or replaces the
 * password of one activated before (the office re-invited the family), clearing any lockout.
 */
export async function saveActivatedAccount(
  trx: Transaction<PortalDatabase>,
  account: { familyId: number; passwordHash: string; invitationId: string | null; now: string },
): Promise<void> {
  const values = {
    password_hash: account.passwordHash,
    activated_at: account.now,
    activated_invitation_id: account.invitationId,
    failed_logins: 0,
    locked_until: null,
    password_changed_at: account.now,
  };
  await trx
    .insertInto('parent_accounts')
    .values({ family_id: account.familyId, ...values })
    .onConflict((conflict) => conflict.column('family_id').doUpdateSet(values))
    .execute();
}

/** A new password (reset link): also lifts any lockout. Creates the account when there is none. */
export async function savePassword(
  trx: Transaction<PortalDatabase>,
  familyId: number,
  passwordHash: string,
  now: string,
): Promise<void> {
  await trx
    .insertInto('parent_accounts')
    .values({
      family_id: familyId,
      password_hash: passwordHash,
      activated_at: now,
      activated_invitation_id: null,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
    })
    .onConflict((conflict) =>
      conflict.column('family_id').doUpdateSet({
        password_hash: passwordHash,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: now,
      }),
    )
    .execute();
}

/**
 * Counts one more wrong password, atomically (two portal instances may see failures of the same
 * account at once), and returns the new count of consecutive failures.
 */
export async function countFailedLogin(trx: Transaction<PortalDatabase>, familyId: number): Promise<number> {
  const row = await trx
    .updateTable('parent_accounts')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('family_id', '=', familyId)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins ?? 0;
}

export async function lockAccount(
  trx: Transaction<PortalDatabase>,
  familyId: number,
  lockedUntil: string,
): Promise<void> {
  await trx
    .updateTable('parent_accounts')
    .set({ locked_until: lockedUntil, failed_logins: 0 })
    .where('family_id', '=', familyId)
    .execute();
}

export async function clearFailedLogins(db: Db, familyId: number): Promise<void> {
  await db
    .updateTable('parent_accounts')
    .set({ failed_logins: 0, locked_until: null })
    .where('family_id', '=', familyId)
    .execute();
}

export async function deleteAccount(trx: Transaction<PortalDatabase>, familyId: number): Promise<void> {
  await trx.deleteFrom('parent_accounts').where('family_id', '=', familyId).execute();
}
