import {
  SYNC_DEFAULT_INTERVAL_MINUTES,
  type SyncSettingsInput,
  type SyncSettingsView,
} from '../../../src-shared/api/sync.contract';
import { AppError } from '../../../src-shared/result';
import type { OfficeContext } from '../../context';
import type { Kysely, Transaction } from 'kysely';
import type { OfficeDatabase } from '../../db/schema';
import { insertAuditEntry, type AuditActor } from '../audit/audit.repository';
import { queueEverythingForPortal } from '../families/portal-settings.service';
import { getSetting, putSetting } from '../settings/settings.repository';

/**
 * Where the portal is and how to reach it. Kept in the office's settings table: the secret apart
 * from the rest, so that the settings can be read and logged without it.
 */
export type SyncSettings = {
  portalUrl: string | null;
  secret: string | null;
  intervalMinutes: number;
  enabled: boolean;
};

const SETTINGS_KEY = 'sync.settings';
const SECRET_KEY = 'sync.secret';

type Stored = { portalUrl: string | null; intervalMinutes: number; enabled: boolean };

export async function readSyncSettings(
  db: Kysely<OfficeDatabase> | Transaction<OfficeDatabase>,
): Promise<SyncSettings> {
  const raw = await getSetting(db, SETTINGS_KEY);
  const stored: Stored = raw
    ? (JSON.parse(raw) as Stored)
    : { portalUrl: null, intervalMinutes: SYNC_DEFAULT_INTERVAL_MINUTES, enabled: false };
  const secret = (await getSetting(db, SECRET_KEY)) ?? null;
  return { ...stored, secret };
}

export function isSyncConfigured(s: SyncSettings): s is SyncSettings & { portalUrl: string; secret: string } {
  return s.portalUrl !== null && s.secret !== null;
}

/** The settings as staff see them: the secret's last four characters only. */
export function toSyncSettingsView(s: SyncSettings): SyncSettingsView {
  return {
    portalUrl: s.portalUrl,
    secretHint: s.secret ? s.secret.slice(-4) : null,
    intervalMinutes: s.intervalMinutes,
    enabled: s.enabled,
  };
}

export async function getSyncSettings(ctx: OfficeContext): Promise<SyncSettingsView> {
  return toSyncSettingsView(await readSyncSettings(ctx.db));
}

/** Saves the settings (a new secret only when one is given) and audits what changed, never the secret. */
export async function updateSyncSettings(
  ctx: OfficeContext,
  actor: AuditActor,
  input: SyncSettingsInput,
): Promise<SyncSettingsView> {
  const before = await readSyncSettings(ctx.db);
  if (!input.secret && !before.secret) {
    throw new AppError('invalid_input', 'Saisissez le secret partagé avec le portail.', {
      secret: ['Le secret est obligatoire.'],
    });
  }
  const next: SyncSettings = {
    portalUrl: input.portalUrl,
    secret: input.secret ?? before.secret,
    intervalMinutes: input.intervalMinutes,
    enabled: input.enabled,
  };
  const stored: Stored = {
    portalUrl: next.portalUrl,
    intervalMinutes: next.intervalMinutes,
    enabled: next.enabled,
  };
  const secretChanged = input.secret !== undefined && input.secret !== before.secret;
  await ctx.db.transaction().execute(async (trx) => {
    await putSetting(trx, SETTINGS_KEY, JSON.stringify(stored));
    if (secretChanged) await putSetting(trx, SECRET_KEY, next.secret!);
    if (next.portalUrl !== before.portalUrl) await queueEverythingForPortal(trx, ctx.now().toISOString());
    await insertAuditEntry(trx, {
      at: ctx.now().toISOString(),
      actor,
      action: 'sync.settings_updated',
      target: 'synchronisation',
      details: {
        before: {
          portalUrl: before.portalUrl,
          intervalMinutes: before.intervalMinutes,
          enabled: before.enabled,
        },
        after: stored,
        secretChanged,
      },
    });
  });
  // A new address, secret or interval applies at once; a new secret also deserves a quick try.
  ctx.sync.settingsChanged();
  return toSyncSettingsView(next);
}
