import type { z } from 'zod';
import { normalizeEmail } from '../../src-shared/domain';
import { AppError } from '../../src-shared/result';
import {
  type PortalFamilyRecord,
  type ReceivedRecord,
  asciiJson,
  type pushResultSchema,
} from '../../src-shared/sync/protocol';
import { afterFamilyRecordStored } from '../accounts/account-lifecycle';
import type { PortalDb } from '../db/database';
import {
  type FamilyRowToStore,
  deleteFamilies,
  type FamilyVersionRow,
  findFamilyRows,
  parseStoredFamily,
  releaseEmails,
  upsertFamilies,
} from './families.repository';
import { findPortalSettingsVersion, upsertPortalSettings } from './settings.repository';
import { deleteTombstones, findTombstones, upsertTombstones } from './tombstones.repository';

export type PushResult = z.infer<typeof pushResultSchema>;

type FamilyRecord = Extract<ReceivedRecord, { entity: 'family' }>;
type SettingsRecord = Extract<ReceivedRecord, { entity: 'portal_settings' }>;

/**
 * Stores a batch pushed by the office, all of it in one transaction: each record is kept only when
 * its version is newer than what the portal has (stored, or deleted at — tombstones), so a replayed
 * batch or an older version changes nothing, and a failure leaves the portal exactly as it was.
 *
 * Families are written in bulk (two reads: the families with the current holders of their e-mails,
 * and the tombstones; then one upsert per 500 rows), the batch being resolved in memory first. Each
 * record is stored as the JSON text it arrived in (`ReceivedRecord.dataJson`), not serialised again.
 * After the writes, `afterFamilyRecordStored` (parent accounts: invitations, revocations) runs once
 * per family that changed, with the record before the batch and the record after it.
 */
export async function applyPush(db: PortalDb, records: ReceivedRecord[], now: Date): Promise<PushResult> {
  const families = checkFamilyRecords(records);
  return db.transaction().execute(async (trx) => {
    let applied = 0;
    let ignored = 0;

    const settings = records.filter(
      (record): record is SettingsRecord => record.entity === 'portal_settings',
    );
    if (settings.length > 0) {
      let stored = await findPortalSettingsVersion(trx);
      for (const record of settings) {
        if (stored !== null && record.version <= stored) {
          ignored++;
          continue;
        }
        await upsertPortalSettings(trx, record.dataJson, record.version, now);
        stored = record.version;
        applied++;
      }
    }

    if (families.length > 0) {
      // The batch in memory first: the latest version of each family, kept when newer than what the
      // portal has (stored, or deleted at: tombstones).
      const latest = new Map<number, FamilyRecord>();
      for (const record of families) {
        const id = Number(record.id);
        const seen = latest.get(id);
        if (seen === undefined || record.version > seen.version) latest.set(id, record);
      }
      const ids = [...latest.keys()];
      const emails = new Set<string>();
      for (const record of latest.values()) if (record.data?.email != null) emails.add(record.data.email);
      const found = await findFamilyRows(trx, ids, [...emails]);
      const rows = new Map<number, FamilyVersionRow>();
      const holders = new Map<string, number>();
      for (const row of found) {
        if (latest.has(row.id)) rows.set(row.id, row);
        if (row.email !== null) holders.set(row.email, row.id);
      }
      const tombstones = await findTombstones(trx, 'family', ids.map(String));

      type Final = { version: number; family: PortalFamilyRecord | null; dataJson: string };
      const finals = new Map<number, Final>();
      for (const [id, record] of latest) {
        const stored = Math.max(rows.get(id)?.version ?? 0, tombstones.get(record.id) ?? 0);
        if (record.version > stored) {
          finals.set(id, { version: record.version, family: record.data, dataJson: record.dataJson });
        }
      }
      applied += finals.size;
      ignored += families.length - finals.size;

      const deletions: Array<{ id: number; version: number }> = [];
      const live: Array<{ id: number; version: number; family: PortalFamilyRecord; dataJson: string }> = [];
      for (const [id, { version, family, dataJson }] of finals) {
        if (family === null) deletions.push({ id, version });
        else live.push({ id, version, family, dataJson });
      }
      // An e-mail goes to the family whose record comes last in the batch (the office's latest);
      // another family holding it now (stale, or changing its own address in this batch) lets it go.
      const emailHolder = new Map<string, number>();
      for (const record of families) {
        const final = finals.get(Number(record.id));
        if (final?.family?.email != null && final.version === record.version) {
          emailHolder.set(final.family.email, final.family.id);
        }
      }
      const released = [...emailHolder].filter(([email, id]) => (holders.get(email) ?? id) !== id);
      const toStore: FamilyRowToStore[] = live.map(({ id, version, family, dataJson }) => ({
        family,
        dataJson,
        version,
        email: family.email !== null && emailHolder.get(family.email) === id ? family.email : null,
      }));

      await deleteFamilies(
        trx,
        deletions.filter(({ id }) => rows.has(id)).map(({ id }) => id),
      );
      await upsertTombstones(
        trx,
        'family',
        deletions.map(({ id, version }) => ({ id: String(id), version })),
        now,
      );
      await deleteTombstones(
        trx,
        'family',
        live.map(({ id }) => String(id)).filter((id) => tombstones.has(id)),
      );
      await releaseEmails(
        trx,
        released.map(([email]) => email),
      );
      await upsertFamilies(trx, toStore, now);

      for (const [id, final] of finals) {
        const row = rows.get(id);
        if (row === undefined && final.family === null) continue;
        await afterFamilyRecordStored(
          trx,
          row === undefined ? null : parseStoredFamily(row.data),
          final.family,
          now,
        );
      }
    }
    return { applied, ignored };
  });
}

/**
 * What the shared schema cannot say about a batch: a family record's id is its data's id, and its
 * e-mail is a valid address (normalised here, since logins are looked up by the normalised form).
 * One bad record refuses the whole batch, naming it, before anything is written.
 */
function checkFamilyRecords(records: ReceivedRecord[]): FamilyRecord[] {
  const families: FamilyRecord[] = [];
  const problems: Record<string, string[]> = {};
  records.forEach((record, index) => {
    if (record.entity !== 'family') return;
    if (record.data === null) {
      families.push(record);
      return;
    }
    if (record.data.id !== Number(record.id)) {
      problems[`records.${index}.data.id`] = [
        `L’identifiant ${record.data.id} ne correspond pas à l’enregistrement ${record.id}.`,
      ];
      return;
    }
    const sent = record.data.email;
    let email: string | null = null;
    if (sent !== null) {
      try {
        email = normalizeEmail(sent);
      } catch {
        problems[`records.${index}.data.email`] = ['Adresse e-mail invalide.'];
        return;
      }
    }
    if (email === sent) {
      families.push(record);
    } else {
      // The office normalises its e-mails; should one come otherwise, the stored text is the
      // normalised record, not the one received.
      const data = { ...record.data, email };
      families.push({ ...record, data, dataJson: asciiJson(data) });
    }
  });
  if (Object.keys(problems).length > 0) {
    throw new AppError(
      'invalid_input',
      'Lot refusé : un enregistrement est incohérent ; rien n’a été enregistré.',
      problems,
    );
  }
  return families;
}
