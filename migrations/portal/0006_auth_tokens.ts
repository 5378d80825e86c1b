import { type Kysely, sql } from 'kysely';

/**
 * 0006 — `auth_tokens`: the one-time links mailed to parents (account activation, password reset).
 * Only the SHA-256 of a token is stored, so a copy of the database cannot be turned into working
 * links. A token is good once (`used_at`), until `expires_at`; revoking one sets `used_at` too.
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0006 = {
  auth_tokens: {
    hash: string;
    family_id: number;
    purpose: 'activation' | 'reset';
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
};

export async function up(db: Kysely<SchemaAt0006>): Promise<void> {
  await db.schema
    .createTable('auth_tokens')
    .addColumn('hash', 'text', (column) => column.primaryKey())
    .addColumn('family_id', 'integer', (column) => column.notNull())
    .addColumn('purpose', 'text', (column) => column.notNull().check(sql`purpose in ('activation', 'reset')`))
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('auth_tokens_family_purpose')
    .on('auth_tokens')
    .columns(['family_id', 'purpose'])
    .execute();
}
