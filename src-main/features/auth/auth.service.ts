import type { SessionInfo } from '../../../src-shared/api/contract';
import { AppError } from '../../../src-shared/result';
import { afterFailedLogin, LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../src-shared/staff/login-policy';
import { passwordProblems } from '../../../src-shared/staff/password-policy';
import type { Caller, OfficeContext } from '../../context';
import { insertAuditEntry } from '../audit/audit.repository';
import { putSetting, getCommuneName } from '../settings/settings.repository';
import { DEFAULT_SESSION_TIMEOUT_MINUTES, readSessionTimeout } from '../settings/settings.service';
import {
  findStaffById,
  findStaffByLogin,
  insertStaff,
  toStaffMember,
  updateStaff,
  type StaffRow,
} from '../staff/staff.repository';
import { dummyHash, hashPassword, verifyPassword } from './password-hash';

const WRONG_CREDENTIALS = 'Identifiant ou mot de passe incorrect.';

export function assertPasswordStrong(password: string, context: { login?: string; name?: string }): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new AppError('invalid_input', `Mot de passe trop faible : ${problems.join(' ')}`, {
      password: problems,
    });
  }
}

async function sessionInfo(ctx: OfficeContext, staff: StaffRow): Promise<SessionInfo> {
  return {
    staff: toStaffMember(staff),
    communeName: (await getCommuneName(ctx.db)) ?? '',
    expiresAfterMinutes: await readSessionTimeout(ctx),
  };
}

export async function setupStatus(ctx: OfficeContext) {
  const communeName = await getCommuneName(ctx.db);
  return { needsSetup: communeName === null, communeName };
}

/** First start: the commune and its first administrator, in one transaction; then signed in. */
export async function completeSetup(
  ctx: OfficeContext,
  caller: Caller,
  input: { communeName: string; displayName: string; login: string; password: string },
): Promise<SessionInfo> {
  assertPasswordStrong(input.password, { login: input.login, name: input.displayName });
  const passwordHash = await hashPassword(input.password);
  const at = ctx.now().toISOString();
  const admin = await ctx.db.transaction().execute(async (trx) => {
    if ((await getCommuneName(trx)) !== null) {
      throw new AppError('already_set_up', 'L’application est déjà configurée.');
    }
    await trx.insertInto('commune').values({ id: 1, name: input.communeName, created_at: at }).execute();
    await putSetting(trx, 'session_timeout_minutes', String(DEFAULT_SESSION_TIMEOUT_MINUTES));
    const inserted = await insertStaff(trx, {
      login: input.login,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
      mustChangePassword: false,
      at,
    });
    const row = await updateStaff(trx, inserted.id, { last_login_at: at });
    await insertAuditEntry(trx, {
      at,
      actor: { id: row.id, name: row.display_name },
      action: 'setup.completed',
      target: input.communeName,
      details: { commune: input.communeName, admin: row.login },
    });
    return row;
  });
  ctx.sessions.start(caller.clientId, admin.id);
  return sessionInfo(ctx, admin);
}

export async function login(
  ctx: OfficeContext,
  caller: Caller,
  input: { login: string; password: string },
): Promise<SessionInfo> {
  if ((await getCommuneName(ctx.db)) === null) {
    throw new AppError('setup_required', 'L’application n’est pas encore configurée.');
  }
  const staff = await findStaffByLogin(ctx.db, input.login);
  if (!staff) {
    await verifyPassword(input.password, await dummyHash());
    await ctx.loginDelay(1);
    throw new AppError('unauthenticated', WRONG_CREDENTIALS);
  }
  const now = ctx.now();
  if (staff.locked_until && staff.locked_until > now.toISOString()) {
    const until = new Date(staff.locked_until).toLocaleTimeString('fr-FR', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
    throw new AppError(
      'locked',
      `Compte verrouillé après plusieurs échecs de connexion. Réessayez après ${until}.`,
    );
  }
  const actor = { id: staff.id, name: staff.display_name };
  if (!(await verifyPassword(input.password, staff.password_hash))) {
    const failures = staff.failed_logins + 1;
    const outcome = afterFailedLogin(staff.failed_logins, now);
    const locks = outcome.lockedUntil !== null;
    await ctx.db.transaction().execute(async (trx) => {
      await updateStaff(trx, staff.id, {
        failed_logins: outcome.failures,
        locked_until: outcome.lockedUntil ?? staff.locked_until,
      });
      await insertAuditEntry(trx, {
        at: now.toISOString(),
        actor,
        action: locks ? 'auth.locked' : 'auth.login_failed',
        target: staff.login,
        details: { failures },
      });
    });
    await ctx.loginDelay(failures);
    if (locks) {
      throw new AppError(
        'locked',
        `Compte verrouillé pour ${LOCK_MINUTES} minutes après ${MAX_FAILED_LOGINS} échecs de connexion.`,
      );
    }
    throw new AppError('unauthenticated', WRONG_CREDENTIALS);
  }
  if (!staff.active) {
    throw new AppError('forbidden', 'Ce compte est désactivé. Adressez-vous à un administrateur.');
  }
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await updateStaff(trx, staff.id, {
      failed_logins: 0,
      locked_until: null,
      last_login_at: now.toISOString(),
    });
    await insertAuditEntry(trx, { at: now.toISOString(), actor, action: 'auth.login', target: staff.login });
    return row;
  });
  ctx.sessions.start(caller.clientId, staff.id);
  return sessionInfo(ctx, updated);
}

export async function logout(ctx: OfficeContext, caller: Caller): Promise<Record<string, never>> {
  const staffId = ctx.sessions.current(caller.clientId, false);
  if (staffId !== null) {
    const staff = await findStaffById(ctx.db, staffId);
    await insertAuditEntry(ctx.db, {
      at: ctx.now().toISOString(),
      actor: staff ? { id: staff.id, name: staff.display_name } : null,
      action: 'auth.logout',
      target: staff?.login ?? null,
    });
    ctx.sessions.end(caller.clientId, 'logout');
  }
  return {};
}

/** The staff member signed in on this client, still active, or null. */
export async function currentStaff(
  ctx: OfficeContext,
  caller: Caller,
  touch: boolean,
): Promise<StaffRow | null> {
  const staffId = ctx.sessions.current(caller.clientId, touch);
  if (staffId === null) return null;
  const staff = await findStaffById(ctx.db, staffId);
  if (!staff || !staff.active) {
    ctx.sessions.end(caller.clientId, 'deactivated');
    return null;
  }
  return staff;
}

export async function currentSession(ctx: OfficeContext, caller: Caller): Promise<SessionInfo | null> {
  const staff = await currentStaff(ctx, caller, false);
  return staff ? sessionInfo(ctx, staff) : null;
}

export async function changeOwnPassword(
  ctx: OfficeContext,
  staff: StaffRow,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionInfo> {
  if (!(await verifyPassword(input.currentPassword, staff.password_hash))) {
    throw new AppError('invalid_input', 'Le mot de passe actuel est incorrect.', {
      currentPassword: ['Mot de passe actuel incorrect.'],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('invalid_input', 'Le nouveau mot de passe doit être différent de l’actuel.', {
      newPassword: ['Doit être différent de l’actuel.'],
    });
  }
  assertPasswordStrong(input.newPassword, { login: staff.login, name: staff.display_name });
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.now().toISOString();
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const row = await updateStaff(trx, staff.id, {
      password_hash: passwordHash,
      must_change_password: 0,
      updated_at: at,
    });
    await insertAuditEntry(trx, {
      at,
      actor: { id: staff.id, name: staff.display_name },
      action: 'auth.password_changed',
      target: staff.login,
    });
    return row;
  });
  return sessionInfo(ctx, updated);
}
