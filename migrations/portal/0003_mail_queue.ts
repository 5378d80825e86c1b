import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * 0003 — `mail_queue`: every e-mail the portal sends (activation links, password resets) is stored
 * here first, in the transaction of the change that causes it, then sent by the mail worker. Same
 * states as the office's queue: `queued` → `sent`, or `failed` with the reason in `last_error`;
 * `attempts` and `next_attempt_at` drive the retries. `claimed_until` / `claim_id` let several portal
 * instances share the queue: a worker takes a message only by setting them with a guarded UPDATE,
 * and a claim that outlives its worker (crash) expires.
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0003 = {
  mail_queue: {
    id: number;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string;
    kind: string;
    state: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
    claimed_until: string | null;
    claim_id: string | null;
    created_at: string;
    sent_at: string | null;
  };
};

export async function up(db: Kysely<SchemaAt0003>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('mail_queue')
    .addColumn('id', 'integer', (column) =>
      postgres ? column.primaryKey().generatedAlwaysAsIdentity() : column.primaryKey().autoIncrement(),
    )
    .addColumn('to_address', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('text_body', 'text', (column) => column.notNull())
    .addColumn('html_body', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) =>
      column.notNull().check(sql`state in ('queued', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (column) => column.notNull())
    .addColumn('last_error', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('claim_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_queue_due')
    .on('mail_queue')
    .columns(['state', 'next_attempt_at'])
    .execute();
}
