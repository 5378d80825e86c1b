import type { PortalDb, PortalMetaKey } from '../db/database';

/** The value stored under `key` in `portal_meta`, or undefined when there is none. */
export async function findMeta(db: PortalDb, key: PortalMetaKey): Promise<string | undefined> {
  const row = await db.selectFrom('portal_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}
