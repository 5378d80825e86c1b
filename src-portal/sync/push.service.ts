import type { z } from 'zod';
import { normalizeEmail } from '../../src-shared/domain';
import { AppError } from '../../src-shared/result';
import type { PortalFamilyRecord, SyncRecord, pushResultSchema } from '../../src-shared/sync/protocol';
import { afterFamilyRecordStored } from '../accounts/account-lifecycle';
import type { PortalDb } from '../db/database';
import {
  type FamilyRowToStore,
  deleteFamilies,
  findFamilyRows,
  parseStoredFamily,
  releaseEmails,
  upsertFamilies,
} from './families.repository';
import { findPortalSettingsVersion, upsertPortalSettings } from './settings.repository';
import { deleteTombstones, findTombstones, upsertTombstones } from './tombstones.repository';

export type PushResult = z.infer<typeof pushResultSchema>;

type FamilyRecord = Extract<SyncRecord, { entity: 'family' }>;
type SettingsRecord = Extract<SyncRecord, { entity: 'portal_settings' }>;

/**
 * Stores a batch pushed by the office, all of it in one transaction: each record is kept only when
 * its version is newer than what the portal has (stored, or deleted at — tombstones), so a replayed
 * batch or an older version changes nothing, and a failure leaves the portal exactly as it was.
 *
 * Families are written in bulk (one read, one upsert per 500 rows), the batch being resolved in
 * memory first; this keeps a full push of a large commune close to the speed of a plain insert.
 * After the writes, `afterFamilyRecordStored` (parent accounts: invitations, revocations) runs once
 * per family that changed, with the record before the batch and the record after it.
 */
export async function applyPush(db: PortalDb, records: SyncRecord[], now: Date): Promise<PushResult> {
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
        await upsertPortalSettings(trx, record.data, record.version, now);
        stored = record.version;
        applied++;
      }
    }

    if (families.length > 0) {
      const ids = [...new Set(families.map((record) => Number(record.id)))];
      const rows = new Map((await findFamilyRows(trx, ids)).map((row) => [row.id, row]));
      const tombstones = await findTombstones(trx, 'family', ids.map(String));

      // The batch in memory, record by record: the latest version kept for each family.
      type Final = { version: number; family: PortalFamilyRecord | null };
      const finals = new Map<number, Final>();
      for (const record of families) {
        const id = Number(record.id);
        const current =
          finals.get(id)?.version ?? Math.max(rows.get(id)?.version ?? 0, tombstones.get(record.id) ?? 0);
        if (record.version <= current) {
          ignored++;
          continue;
        }
        finals.set(id, { version: record.version, family: record.data });
        applied++;
      }

      const deletions = [...finals].filter(([, final]) => final.family === null);
      const live = [...finals].filter(
        (entry): entry is [number, { version: number; family: PortalFamilyRecord }] =>
          entry[1].family !== null,
      );
      // Within the batch, an e-mail goes to the family whose record came last (the office's latest).
      const emailHolder = new Map<string, number>();
      for (const record of families) {
        const final = finals.get(Number(record.id));
        if (final?.family?.email != null && final.version === record.version) {
          emailHolder.set(final.family.email, final.family.id);
        }
      }
      const toStore: FamilyRowToStore[] = live.map(([id, { version, family }]) => ({
        family,
        version,
        email: family.email !== null && emailHolder.get(family.email) === id ? family.email : null,
      }));

      await deleteFamilies(
        trx,
        deletions.map(([id]) => id).filter((id) => rows.has(id)),
      );
      await upsertTombstones(
        trx,
        'family',
        deletions.map(([id, final]) => ({ id: String(id), version: final.version })),
        now,
      );
      await deleteTombstones(
        trx,
        'family',
        live.map(([id]) => String(id)).filter((id) => tombstones.has(id)),
      );
      await releaseEmails(trx, [...emailHolder.keys()]);
      await upsertFamilies(trx, toStore, now);

      for (const [id, final] of finals) {
        const row = rows.get(id);
        const previous = row === undefined ? null : parseStoredFamily(row.data);
        if (previous === null && final.family === null) continue;
        await afterFamilyRecordStored(trx, previous, final.family, now);
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
function checkFamilyRecords(records: SyncRecord[]): FamilyRecord[] {
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
    let email: string | null = null;
    if (record.data.email !== null) {
      try {
        email = normalizeEmail(record.data.email);
      } catch {
        problems[`records.${index}.data.email`] = ['Adresse e-mail invalide.'];
        return;
      }
    }
    families.push({ ...record, data: { ...record.data, email } });
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
