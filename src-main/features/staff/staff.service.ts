import type { Role, StaffMember } from '../../../src-shared/api/contract';
import { AppError } from '../../../src-shared/result';
import type { OfficeContext } from '../../context';
import { insertAuditEntry } from '../audit/audit.repository';
import { assertPasswordStrong } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hash';
import {
  findStaffById,
  findStaffByLogin,
  insertStaff,
  listStaff,
  toStaffMember,
  updateStaff,
  type StaffRow,
} from './staff.repository';

const actorOf = (staff: StaffRow) => ({ id: staff.id, name: staff.display_name });

export async function listStaffMembers(ctx: OfficeContext): Promise<StaffMember[]> {
  return (await listStaff(ctx.db)).map(toStaffMember);
}

async function requireStaff(ctx: OfficeContext, id: number): Promise<StaffRow> {
  const row = await findStaffById(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Ce compte n’existe pas.');
  return row;
}

export async function createStaffMember(
  ctx: OfficeContext,
  admin: StaffRow,
  input: { login: string; displayName: string; role: Role; password: string },
): Promise<StaffMember> {
  assertPasswordStrong(input.password, { login: input.login, name: input.displayName });
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (await findStaffByLogin(trx, input.login)) {
      throw new AppError('conflict', `L’identifiant « ${input.login} » est déjà utilisé.`, {
        login: ['Identifiant déjà utilisé.'],
      });
    }
    // The temporary password was chosen by the admin: the new member replaces it at first login.
    const created = await insertStaff(trx, { ...input, passwordHash, mustChangePassword: true, at });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(admin),
      action: 'staff.created',
      target: created.login,
      details: { displayName: created.display_name, role: created.role },
    });
    return created;
  });
  return toStaffMember(row);
}

export async function resetStaffPassword(
  ctx: OfficeContext,
  admin: StaffRow,
  input: { id: number; password: string },
): Promise<StaffMember> {
  const target = await requireStaff(ctx, input.id);
  assertPasswordStrong(input.password, { login: target.login, name: target.display_name });
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateStaff(trx, target.id, {
      password_hash: passwordHash,
      must_change_password: target.id === admin.id ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: at,
    });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(admin),
      action: 'staff.password_reset',
      target: target.login,
    });
    return updated;
  });
  return toStaffMember(row);
}

export async function setStaffActive(
  ctx: OfficeContext,
  admin: StaffRow,
  input: { id: number; active: boolean },
): Promise<StaffMember> {
  const target = await requireStaff(ctx, input.id);
  if (!input.active && target.id === admin.id) {
    throw new AppError('conflict', 'Vous ne pouvez pas désactiver votre propre compte.');
  }
  const at = ctx.now().toISOString();
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (!input.active && target.role === 'admin') {
      const admins = await trx
        .selectFrom('staff')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('id', '!=', target.id)
        .execute();
      if (admins.length === 0) {
        throw new AppError('conflict', 'Il doit rester au moins un administrateur actif.');
      }
    }
    const updated = await updateStaff(trx, target.id, { active: input.active ? 1 : 0, updated_at: at });
    await insertAuditEntry(trx, {
      at,
      actor: actorOf(admin),
      action: input.active ? 'staff.reactivated' : 'staff.deactivated',
      target: target.login,
    });
    return updated;
  });
  if (!input.active) ctx.sessions.endForStaff(target.id, 'deactivated');
  return toStaffMember(row);
}
