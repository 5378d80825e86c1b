import type { Kysely } from 'kysely';

/**
 * 0005 — `parent_accounts`: the password of a family's portal account (one per family, the login is
 * the family's e-mail held in `families`). Created when a parent follows the invitation link and
 * chooses a password; the password itself never leaves the portal. `activated_invitation_id` is the
 * invitation the account was activated with: until the office has applied the `account.activated`
 * event and pushed `portalAccess = 'active'`, it is what lets the parent log in again. The failed-login
 * counter and `locked_until` implement the temporary lockout. Instants are UTC ISO-8601 text.
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0005 = {
  parent_accounts: {
    family_id: number;
    password_hash: string;
    activated_at: string;
    activated_invitation_id: string | null;
    failed_logins: number;
    locked_until: string | null;
    password_changed_at: string;
  };
};

export async function up(db: Kysely<SchemaAt0005>): Promise<void> {
  await db.schema
    .createTable('parent_accounts')
    .addColumn('family_id', 'integer', (column) => column.primaryKey())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('activated_at', 'text', (column) => column.notNull())
    .addColumn('activated_invitation_id', 'text')
    .addColumn('failed_logins', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (column) => column.notNull())
    .execute();
}
