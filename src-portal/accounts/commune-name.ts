import type { Kysely, Transaction } from 'kysely';
import type { PortalDatabase } from '../db/database';
import { getPortalSettings } from '../sync/settings.repository';

/** The commune's name to sign e-mails with, as the office last pushed it, or "votre commune" before. */
export async function communeNameForMail(
  db: Kysely<PortalDatabase> | Transaction<PortalDatabase>,
): Promise<string> {
  const stored = await getPortalSettings(db);
  return stored?.settings.communeName.trim() || 'votre commune';
}
