import type { PortalDb } from '../../db/database';
import { getPortalSettings } from '../../sync/settings.repository';

/** What every page shows of the commune: from the office's synced settings, null before any sync. */
export type SiteInfo = {
  communeName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
};

export const UNSYNCED_SITE: SiteInfo = { communeName: null, contactEmail: null, contactPhone: null };

/** The commune's name and contact as last pushed by the office. */
export async function loadSiteInfo(db: PortalDb): Promise<SiteInfo> {
  const stored = await getPortalSettings(db);
  if (stored === null) return UNSYNCED_SITE;
  const { communeName, contactEmail, contactPhone } = stored.settings;
  return { communeName: communeName.trim() || null, contactEmail, contactPhone };
}

/** "Portail famille — Lapalud", or "Portail famille" before the first sync. */
export function portalName(site: SiteInfo): string {
  return site.communeName ? `Portail famille — ${site.communeName}` : 'Portail famille';
}
