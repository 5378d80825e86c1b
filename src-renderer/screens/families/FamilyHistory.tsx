import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../src-shared/api/contract';
import type { FieldChange } from '../../../src-shared/families/changes';
import { PORTAL_ACCESS_LABELS } from '../../../src-shared/families/portal-access';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { FormError } from '../../components/forms';
import { AUDIT_ACTIONS, formatInstant } from '../../format';

const PAGE = 20;

/** Keys of an entry's details shown otherwise (or not at all: the family's name is the page's). */
const SHOWN_APART = new Set(['changes', 'ignorées', 'famille']);

const DETAIL_NAMES: Record<string, string> = {
  message: 'Message',
  saisiLe: 'Saisi sur le portail le',
  activéLe: 'Activé sur le portail le',
  versionVue: 'Version vue par la famille',
  demande: 'Demande de compte n°',
  demandeur: 'Demandeur',
  email: 'E-mail',
  avant: 'Avant',
  après: 'Après',
  accès: 'Accès',
  accèsAuPortail: 'Accès au portail',
  raison: 'Raison',
  type: 'Type',
  événement: 'Événement n°',
};

const ACCESS_KEYS = new Set(['avant', 'après', 'accès', 'accèsAuPortail']);

function detailValue(key: string, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return formatInstant(value);
  if (typeof value === 'string' && ACCESS_KEYS.has(key) && value in PORTAL_ACCESS_LABELS) {
    return PORTAL_ACCESS_LABELS[value as keyof typeof PORTAL_ACCESS_LABELS];
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function Entry({ entry }: { entry: AuditEntry }) {
  const details = entry.details ?? {};
  const changes = Array.isArray(details.changes) ? (details.changes as FieldChange[]) : [];
  const ignored = Array.isArray(details['ignorées']) ? (details['ignorées'] as string[]) : [];
  const others = Object.entries(details).filter(([k]) => !SHOWN_APART.has(k));
  const fromPortal = entry.actorId === null && entry.actorName === 'Portail famille';
  return (
    <li className="history-entry">
      <div className="meta">
        <span className="nowrap">{formatInstant(entry.at)}</span> ·{' '}
        <span className={fromPortal ? 'badge portal' : 'badge'}>{entry.actorName ?? '—'}</span> ·{' '}
        <strong>{AUDIT_ACTIONS[entry.action] ?? entry.action}</strong>
      </div>
      {changes.length > 0 ? (
        <ul className="changes">
          {changes.map((c, i) => (
            <li key={i}>
              {c.field}
              {c.from !== undefined || c.to !== undefined ? (
                <>
                  {' : '}
                  {c.from !== undefined ? <span className="from">{c.from}</span> : null}
                  {c.from !== undefined && c.to !== undefined ? ' → ' : ''}
                  {c.to !== undefined ? <span className="to">{c.to}</span> : null}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {ignored.length > 0 ? (
        <div className="ignored">
          Non pris en compte :
          <ul>
            {ignored.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {others.length > 0 ? (
        <div className="details">
          {others.map(([k, v]) => `${DETAIL_NAMES[k] ?? k} : ${detailValue(k, v)}`).join(' · ')}
        </div>
      ) : null}
    </li>
  );
}

/** Who changed what in the file and when, from the office (agent) or the portal (family). */
export function FamilyHistory({ familyId, version }: { familyId: number; version: number }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);

  const load = useCallback(
    async (beforeId?: number) => {
      try {
        const page = await call('families.history', {
          id: familyId,
          limit: PAGE,
          ...(beforeId ? { beforeId } : {}),
        });
        setEntries((prev) => (beforeId ? [...prev, ...page.entries] : page.entries));
        setHasMore(page.hasMore);
        setError(null);
      } catch (e) {
        setError(e as ApiCallError);
      }
    },
    [familyId],
  );
  // Reloaded with each new version of the file (a save, a portal access change).
  useEffect(() => void load(), [load, version]);

  return (
    <section className="card" aria-labelledby="sec-history">
      <h2 id="sec-history">Historique</h2>
      <FormError error={error} />
      <ol className="history">
        {entries.map((e) => (
          <Entry key={e.id} entry={e} />
        ))}
      </ol>
      {hasMore ? (
        <button type="button" onClick={() => void load(entries.at(-1)?.id)}>
          Voir les modifications plus anciennes
        </button>
      ) : null}
    </section>
  );
}
