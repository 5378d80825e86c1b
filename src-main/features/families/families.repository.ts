import {
  sql,
  type Insertable,
  type Kysely,
  type Selectable,
  type Transaction,
  type Updateable,
} from 'kysely';
import { CHILDREN_MARK } from '../../../src-shared/families/search';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

export type FamilyRow = Selectable<OfficeDatabase['families']>;
export type AdultRow = Selectable<OfficeDatabase['family_adults']>;
export type ChildRow = Selectable<OfficeDatabase['children']>;
export type PickupRow = Selectable<OfficeDatabase['child_pickups']>;
export type ChangeRequestRow = Selectable<OfficeDatabase['family_change_requests']>;

export type NewFamilyRow = Insertable<OfficeDatabase['families']>;
export type AdultValues = Omit<Insertable<OfficeDatabase['family_adults']>, 'id' | 'family_id'>;
export type ChildValues = Omit<Insertable<OfficeDatabase['children']>, 'id' | 'family_id'>;
export type PickupValues = Omit<Insertable<OfficeDatabase['child_pickups']>, 'id' | 'child_id'>;

/** A family's rows: the family, its adults and children in order, each child's pick-up people. */
export type FamilyRows = {
  family: FamilyRow;
  adults: AdultRow[];
  children: ChildRow[];
  pickups: Map<number, PickupRow[]>;
  changeRequests: ChangeRequestRow[];
};

export function findFamilyRow(db: Db, id: number): Promise<FamilyRow | undefined> {
  return db.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The family whose portal e-mail this is (the column compares case-insensitively). */
export function findFamilyRowByEmail(db: Db, email: string): Promise<FamilyRow | undefined> {
  return db.selectFrom('families').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertFamilyRow(db: Db, row: NewFamilyRow): Promise<FamilyRow> {
  return db.insertInto('families').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * The ids of a multi-row insert in the order of its rows. SQLite gives each new row the next rowid,
 * so ids grow in row order, but RETURNING does not promise to list them in that order.
 */
function inOrder(rows: Array<{ id: number }>): number[] {
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Inserts many families at once (synthetic data): their ids, in the order given. */
export async function insertFamilyRows(db: Db, rows: NewFamilyRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('families').values(rows).returning('id').execute();
  return inOrder(inserted);
}

export async function updateFamilyRow(
  db: Db,
  id: number,
  changes: Updateable<OfficeDatabase['families']>,
): Promise<FamilyRow> {
  return db
    .updateTable('families')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every family, archived ones included, `limit` at a time in id order after `afterId`. */
export function listFamilyRowsById(db: Db, afterId: number, limit: number): Promise<FamilyRow[]> {
  return db.selectFrom('families').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** Loads the adults, children, pick-up people and change requests of the given families. */
export async function loadFamilyRows(db: Db, families: FamilyRow[]): Promise<FamilyRows[]> {
  if (families.length === 0) return [];
  const ids = families.map((f) => f.id);
  const [adults, children, changeRequests] = await Promise.all([
    db
      .selectFrom('family_adults')
      .selectAll()
      .where('family_id', 'in', ids)
      .orderBy('family_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('children')
      .selectAll()
      .where('family_id', 'in', ids)
      .orderBy('family_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('family_change_requests')
      .selectAll()
      .where('family_id', 'in', ids)
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const childIds = children.map((c) => c.id);
  const pickups =
    childIds.length === 0
      ? []
      : await db
          .selectFrom('child_pickups')
          .selectAll()
          .where('child_id', 'in', childIds)
          .orderBy('child_id')
          .orderBy('position')
          .execute();
  const pickupsByChild = groupBy(pickups, (p) => p.child_id);
  const adultsByFamily = groupBy(adults, (a) => a.family_id);
  const childrenByFamily = groupBy(children, (c) => c.family_id);
  const requestsByFamily = groupBy(changeRequests, (r) => r.family_id);
  return families.map((family) => {
    const familyChildren = childrenByFamily.get(family.id) ?? [];
    return {
      family,
      adults: adultsByFamily.get(family.id) ?? [],
      children: familyChildren,
      pickups: new Map(familyChildren.map((c) => [c.id, pickupsByChild.get(c.id) ?? []])),
      changeRequests: requestsByFamily.get(family.id) ?? [],
    };
  });
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The adults and children of the given families, for lists (search results, suggestions). */
export async function loadFamilySummaryRows(
  db: Db,
  families: FamilyRow[],
): Promise<Array<Pick<FamilyRows, 'family' | 'adults' | 'children'>>> {
  if (families.length === 0) return [];
  const ids = families.map((f) => f.id);
  const adults = await db
    .selectFrom('family_adults')
    .selectAll()
    .where('family_id', 'in', ids)
    .orderBy('family_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const children = await db
    .selectFrom('children')
    .selectAll()
    .where('family_id', 'in', ids)
    .orderBy('family_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const adultsByFamily = groupBy(adults, (a) => a.family_id);
  const childrenByFamily = groupBy(children, (c) => c.family_id);
  return families.map((family) => ({
    family,
    adults: adultsByFamily.get(family.id) ?? [],
    children: childrenByFamily.get(family.id) ?? [],
  }));
}

export async function loadFamily(db: Db, id: number): Promise<FamilyRows | undefined> {
  const family = await findFamilyRow(db, id);
  if (!family) return undefined;
  return (await loadFamilyRows(db, [family]))[0];
}

export async function insertAdults(db: Db, familyId: number, adults: AdultValues[]): Promise<void> {
  if (adults.length === 0) return;
  await db
    .insertInto('family_adults')
    .values(adults.map((a) => ({ ...a, family_id: familyId })))
    .execute();
}

export async function updateAdult(db: Db, id: number, values: AdultValues): Promise<void> {
  await db.updateTable('family_adults').set(values).where('id', '=', id).execute();
}

export async function deleteAdults(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('family_adults').where('id', 'in', ids).execute();
}

export async function insertChild(db: Db, familyId: number, child: ChildValues): Promise<number> {
  const row = await db
    .insertInto('children')
    .values({ ...child, family_id: familyId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts many children of many families at once (synthetic data): their ids, in order. */
export async function insertChildRows(
  db: Db,
  children: Array<ChildValues & { family_id: number }>,
): Promise<number[]> {
  if (children.length === 0) return [];
  return inOrder(await db.insertInto('children').values(children).returning('id').execute());
}

/** Inserts many adults of many families at once (synthetic data): their ids, in order. */
export async function insertAdultRows(
  db: Db,
  adults: Array<AdultValues & { family_id: number }>,
): Promise<number[]> {
  if (adults.length === 0) return [];
  return inOrder(await db.insertInto('family_adults').values(adults).returning('id').execute());
}

export async function updateChild(db: Db, id: number, values: ChildValues): Promise<void> {
  await db.updateTable('children').set(values).where('id', '=', id).execute();
}

export async function deleteChildren(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('children').where('id', 'in', ids).execute();
}

/** Replaces the pick-up people of a child (a list without identity of its own). */
export async function replacePickups(db: Db, childId: number, people: PickupValues[]): Promise<void> {
  await db.deleteFrom('child_pickups').where('child_id', '=', childId).execute();
  if (people.length > 0) {
    await db
      .insertInto('child_pickups')
      .values(people.map((p) => ({ ...p, child_id: childId })))
      .execute();
  }
}

export async function insertPickupRows(
  db: Db,
  people: Array<PickupValues & { child_id: number }>,
): Promise<void> {
  if (people.length > 0) await db.insertInto('child_pickups').values(people).execute();
}

/**
 * Families whose search text has a word starting with each token, best first (family name, then
 * adults' names, then the rest; alphabetical within a rank). A full scan of one narrow column: a few
 * milliseconds for a large commune, and no index to keep in step.
 */
export async function searchFamilyRows(
  db: Db,
  query: { tokens: string[]; limit: number; includeArchived: boolean },
): Promise<FamilyRow[]> {
  let q = db.selectFrom('families').selectAll();
  if (!query.includeArchived) q = q.where('archived', '=', 0);
  for (const token of query.tokens) {
    q = q.where(sql<number>`instr(search_text, ${' ' + token})`, '>', 0);
  }
  if (query.tokens.length > 0) {
    // Each token scores 0 when it starts the family name, 1 on an adult's name, 2 elsewhere (a
    // child's name, a contact detail); the best total comes first ("helene martin": the Martin
    // family before a Hélène married to a Saint-Martin). Two cheap tests per matching row only.
    const tier = (token: string) =>
      sql`CASE WHEN substr(sort_key, 1, ${token.length}) = ${token} THEN 0
        WHEN instr(search_text, ${' ' + token}) < instr(search_text, ${` ${CHILDREN_MARK} `}) THEN 1
        ELSE 2 END`;
    q = q.orderBy(sql`${sql.join(query.tokens.map(tier), sql` + `)}`);
  }
  return q.orderBy('sort_key').orderBy('id').limit(query.limit).execute();
}

/**
 * Families that may be the one an account request describes: the same e-mail, the same phone
 * digits, or every word of one of the given names (in any order) in their search text. The caller
 * keeps those that really match (src-shared/families/matching.ts); this only narrows the scan.
 */
export async function findCandidateFamilyRows(
  db: Db,
  probe: { email: string | null; phoneDigits: string | null; names: string[][]; limit: number },
): Promise<FamilyRow[]> {
  const has = (word: string) => sql<boolean>`instr(search_text, ${' ' + word + ' '}) > 0`;
  const conditions = [
    ...(probe.email ? [sql<boolean>`email = ${probe.email}`, has(probe.email)] : []),
    ...(probe.phoneDigits ? [has(probe.phoneDigits)] : []),
    ...probe.names
      .filter((words) => words.length > 0)
      .map((words) => sql<boolean>`(${sql.join(words.map(has), sql` AND `)})`),
  ];
  if (conditions.length === 0) return [];
  return db
    .selectFrom('families')
    .selectAll()
    .where(sql<boolean>`(${sql.join(conditions, sql` OR `)})`)
    .orderBy('archived')
    .orderBy('sort_key')
    .limit(probe.limit)
    .execute();
}

export function listFamilyRowsAlphabetically(
  db: Db,
  query: { limit: number; includeArchived: boolean },
): Promise<FamilyRow[]> {
  let q = db.selectFrom('families').selectAll();
  if (!query.includeArchived) q = q.where('archived', '=', 0);
  return q.orderBy('archived').orderBy('sort_key').orderBy('id').limit(query.limit).execute();
}

export async function insertChangeRequest(
  db: Db,
  row: Insertable<OfficeDatabase['family_change_requests']>,
): Promise<void> {
  await db
    .insertInto('family_change_requests')
    .values(row)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

export function findChangeRequest(db: Db, id: number): Promise<ChangeRequestRow | undefined> {
  return db.selectFrom('family_change_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateChangeRequest(
  db: Db,
  id: number,
  changes: Updateable<OfficeDatabase['family_change_requests']>,
): Promise<ChangeRequestRow> {
  return db
    .updateTable('family_change_requests')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listPendingChangeRequests(db: Db, limit: number): Promise<ChangeRequestRow[]> {
  return db
    .selectFrom('family_change_requests')
    .selectAll()
    .where('handled_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countPendingChangeRequests(db: Db): Promise<number> {
  const row = await db
    .selectFrom('family_change_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
