import type { Kysely, Transaction } from 'kysely';
import { type PortalSettingsRecord, portalSettingsRecordSchema } from '../../src-shared/sync/protocol';
import type { PortalDatabase } from '../db/database';

type Db = Kysely<PortalDatabase> | Transaction<PortalDatabase>;

/** The office's settings as last pushed, with their version. */
export type StoredPortalSettings = { settings: PortalSettingsRecord; version: number };

/**
 * The portal settings pushed by the office (commune name, field rules, contact), or null before the
 * first sync. The stored JSON was validated on the way in; it is parsed again here so that a row
 * written by an older portal with another shape fails loudly instead of being half-read.
 */
export async function getPortalSettings(db: Db): Promise<StoredPortalSettings | null> {
  const row = await db
    .selectFrom('portal_settings')
    .select(['data', 'version'])
    .where('id', '=', 'settings')
    .executeTakeFirst();
  if (row === undefined) return null;
  return { settings: portalSettingsRecordSchema.parse(JSON.parse(row.data)), version: row.version };
}

/** The stored version of the settings, or null when none is stored. */
export async function findPortalSettingsVersion(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('portal_settings')
    .select('version')
    .where('id', '=', 'settings')
    .executeTakeFirst();
  return row?.version ?? null;
}

/** Stores the settings (their validated JSON) at `version`, replacing whatever was there. */
export async function upsertPortalSettings(
  trx: Transaction<PortalDatabase>,
  dataJson: string,
  version: number,
  now: Date,
): Promise<void> {
  const values = { data: dataJson, version, updated_at: now.toISOString() };
  await trx
    .insertInto('portal_settings')
    .values({ id: 'settings', ...values })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(values))
    .execute();
}
