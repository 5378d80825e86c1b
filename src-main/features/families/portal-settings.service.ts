import type { Kysely, Transaction } from 'kysely';
import type { PortalSettings } from '../../../src-shared/api/families.contract';
import {
  DEFAULT_PORTAL_FIELD_RULES,
  portalFieldRulesSchema,
  type PortalFieldRules,
} from '../../../src-shared/families/family';
import type { PortalSettingsRecord } from '../../../src-shared/sync/protocol';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';
import { getCommuneName, getSetting, putSetting } from '../settings/settings.repository';
import { recordChange } from '../sync/outbox';
import { toPortalRecord } from './families.mapping';
import { listFamilyRowsById, loadFamilyRows } from './families.repository';
import { insertFamilyAudit, type HistoryActor } from './families.history';

type Db = Kysely<OfficeDatabase> | Transaction<OfficeDatabase>;

/**
 * What parents see and may edit on the portal ("Ma famille") and how they reach the service. Kept
 * in the office settings table; every change (and every change of the commune's name) queues the
 * `portal_settings` record for the portal with its own growing version.
 */
const RULES_KEY = 'portal.field_rules';
const CONTACT_EMAIL_KEY = 'portal.contact_email';
const CONTACT_PHONE_KEY = 'portal.contact_phone';
const VERSION_KEY = 'portal.settings_version';

function parseRules(value: string | undefined): PortalFieldRules {
  if (!value) return DEFAULT_PORTAL_FIELD_RULES;
  const parsed = portalFieldRulesSchema.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : DEFAULT_PORTAL_FIELD_RULES;
}

export async function readPortalSettings(db: Db): Promise<PortalSettings> {
  const [rules, email, phone, version] = await Promise.all([
    getSetting(db, RULES_KEY),
    getSetting(db, CONTACT_EMAIL_KEY),
    getSetting(db, CONTACT_PHONE_KEY),
    getSetting(db, VERSION_KEY),
  ]);
  return {
    fieldRules: parseRules(rules),
    contactEmail: email || null,
    contactPhone: phone || null,
    version: version ? Number(version) : 0,
  };
}

export async function readPortalFieldRules(db: Db): Promise<PortalFieldRules> {
  return parseRules(await getSetting(db, RULES_KEY));
}

async function portalSettingsRecord(db: Db, settings: PortalSettings): Promise<PortalSettingsRecord> {
  return {
    communeName: (await getCommuneName(db)) ?? '',
    fieldRules: settings.fieldRules,
    contactEmail: settings.contactEmail,
    contactPhone: settings.contactPhone,
  };
}

/** Queues the current settings for the portal under a new version; call it in the change's transaction. */
export async function queuePortalSettings(trx: Transaction<OfficeDatabase>, at: string): Promise<number> {
  const settings = await readPortalSettings(trx);
  const version = settings.version + 1;
  const data = await portalSettingsRecord(trx, settings);
  await putSetting(trx, VERSION_KEY, String(version));
  await recordChange(trx, { entity: 'portal_settings', id: 'settings', version, data }, at);
  return version;
}

/**
 * The office now talks to a portal at a new address, perhaps a new and empty one: everything it
 * must know is queued again, the settings (the commune's name on its pages) and every family's
 * record, at their current versions. A portal that already has them ignores them, so a new address
 * for the same portal costs one push.
 */
export async function queueEverythingForPortal(trx: Transaction<OfficeDatabase>, at: string): Promise<void> {
  const settings = await readPortalSettings(trx);
  if (settings.version === 0) await queuePortalSettings(trx, at);
  else {
    const data = await portalSettingsRecord(trx, settings);
    await recordChange(
      trx,
      { entity: 'portal_settings', id: 'settings', version: settings.version, data },
      at,
    );
  }
  for (let after = 0; ;) {
    const families = await listFamilyRowsById(trx, after, 500);
    if (families.length === 0) return;
    for (const rows of await loadFamilyRows(trx, families)) {
      const data = toPortalRecord(rows);
      await recordChange(
        trx,
        { entity: 'family', id: String(data.id), version: rows.family.version, data },
        at,
      );
    }
    after = families.at(-1)!.id;
  }
}

/**
 * The portal needs the settings (the commune's name for its e-mails, the field rules for "Ma
 * famille") before it shows any family: the first family change queues them if nobody saved them yet.
 */
export async function ensurePortalSettingsQueued(
  trx: Transaction<OfficeDatabase>,
  at: string,
): Promise<void> {
  if (!(await getSetting(trx, VERSION_KEY))) await queuePortalSettings(trx, at);
}

export async function updatePortalSettings(
  ctx: OfficeContext,
  actor: HistoryActor,
  next: { fieldRules: PortalFieldRules; contactEmail: string | null; contactPhone: string | null },
): Promise<PortalSettings> {
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await readPortalSettings(trx);
    await putSetting(trx, RULES_KEY, JSON.stringify(next.fieldRules));
    await putSetting(trx, CONTACT_EMAIL_KEY, next.contactEmail ?? '');
    await putSetting(trx, CONTACT_PHONE_KEY, next.contactPhone ?? '');
    await queuePortalSettings(trx, at);
    await insertFamilyAudit(trx, {
      at,
      actor,
      action: 'portal.settings_updated',
      target: 'portail',
      details: {
        before: {
          fieldRules: before.fieldRules,
          contactEmail: before.contactEmail,
          contactPhone: before.contactPhone,
        },
        after: next,
      },
    });
  });
  return readPortalSettings(ctx.db);
}
