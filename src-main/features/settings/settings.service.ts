import type { OfficeSettings } from '../../../src-shared/api/contract';
import { AppError } from '../../../src-shared/result';
import type { OfficeContext } from '../../context';
import { insertAuditEntry, type AuditActor } from '../audit/audit.repository';
import { queuePortalSettings } from '../families/portal-settings.service';
import { getCommuneName, getSetting, putSetting } from './settings.repository';

export const DEFAULT_SESSION_TIMEOUT_MINUTES = 15;
const SESSION_TIMEOUT_KEY = 'session_timeout_minutes';

export async function readSessionTimeout(ctx: Pick<OfficeContext, 'db'>): Promise<number> {
  const value = await getSetting(ctx.db, SESSION_TIMEOUT_KEY);
  return value ? Number(value) : DEFAULT_SESSION_TIMEOUT_MINUTES;
}

export async function getSettings(ctx: OfficeContext): Promise<OfficeSettings> {
  const communeName = await getCommuneName(ctx.db);
  if (communeName === null)
    throw new AppError('setup_required', 'L’application n’est pas encore configurée.');
  return { communeName, sessionTimeoutMinutes: await readSessionTimeout(ctx) };
}

export async function updateSettings(
  ctx: OfficeContext,
  actor: AuditActor,
  next: OfficeSettings,
): Promise<OfficeSettings> {
  const before = await getSettings(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('commune').set({ name: next.communeName }).where('id', '=', 1).execute();
    await putSetting(trx, SESSION_TIMEOUT_KEY, String(next.sessionTimeoutMinutes));
    // The portal signs its pages and e-mails with the commune's name.
    if (next.communeName !== before.communeName) await queuePortalSettings(trx, ctx.now().toISOString());
    await insertAuditEntry(trx, {
      at: ctx.now().toISOString(),
      actor,
      action: 'settings.updated',
      target: 'paramètres',
      details: { before, after: next },
    });
  });
  ctx.sessions.setTimeoutMinutes(next.sessionTimeoutMinutes);
  return next;
}
