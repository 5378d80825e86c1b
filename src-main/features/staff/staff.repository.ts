import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role, StaffMember } from '../../../src-shared/api/contract';
import type { OfficeDatabase } from '../../db/schema';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;
export type StaffRow = Selectable<OfficeDatabase['staff']>;

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export function findStaffById(db: Db, id: number): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Logins compare case-insensitively (the column is COLLATE NOCASE). */
export function findStaffByLogin(db: Db, login: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('login', '=', login).executeTakeFirst();
}

export function listStaff(db: Db): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('display_name').execute();
}

export async function countStaff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(
  db: Db,
  staff: {
    login: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    mustChangePassword: boolean;
    at: string;
  },
): Promise<StaffRow> {
  return db
    .insertInto('staff')
    .values({
      login: staff.login,
      display_name: staff.displayName,
      role: staff.role,
      password_hash: staff.passwordHash,
      active: 1,
      must_change_password: staff.mustChangePassword ? 1 : 0,
      failed_logins: 0,
      created_at: staff.at,
      updated_at: staff.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateStaff(
  db: Db,
  id: number,
  changes: Partial<Omit<StaffRow, 'id' | 'created_at'>>,
): Promise<StaffRow> {
  return db.updateTable('staff').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
