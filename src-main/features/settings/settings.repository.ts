import type { Kysely, Transaction } from 'kysely';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function getCommuneName(db: Db): Promise<string | null> {
  const row = await db.selectFrom('commune').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? null;
}
