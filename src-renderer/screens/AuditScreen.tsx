import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../src-shared/api/contract';
import type { ApiCallError } from '../api';
import { call } from '../api';
import { FormError } from '../components/forms';
import { AUDIT_ACTIONS, DETAIL_LABELS, formatInstant } from '../format';

const PAGE = 50;

function describe(details: AuditEntry['details']): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k} : ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The audit log (admins only): newest first, filtered by action, fifty at a time. */
export function AuditScreen() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [action, setAction] = useState('');
  const [error, setError] = useState<ApiCallError | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (beforeId?: number) => {
      setLoading(true);
      try {
        const page = await call('audit.list', {
          limit: PAGE,
          ...(beforeId ? { beforeId } : {}),
          ...(action ? { action } : {}),
        });
        setEntries((prev) => (beforeId ? [...prev, ...page.entries] : page.entries));
        setHasMore(page.hasMore);
        setError(null);
      } catch (e) {
        setError(e as ApiCallError);
      } finally {
        setLoading(false);
      }
    },
    [action],
  );
  useEffect(() => void load(), [load]);

  return (
    <section>
      <h1>Journal d’audit</h1>
      <p className="lead">Chaque modification est enregistrée : qui, quand, quoi.</p>
      <div className="toolbar">
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">Toutes</option>
          {Object.entries(AUDIT_ACTIONS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} />
      <table className="data">
        <caption className="sr-only">Journal d’audit</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Auteur</th>
            <th scope="col">Action</th>
            <th scope="col">Objet</th>
            <th scope="col">Détails</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{formatInstant(e.at)}</td>
              <td>{e.actorName ?? '—'}</td>
              <td>{AUDIT_ACTIONS[e.action] ?? e.action}</td>
              <td>{e.target ?? ''}</td>
              <td className="details">{describe(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!loading && entries.length === 0 ? <p>Aucune entrée.</p> : null}
      {hasMore ? (
        <button type="button" disabled={loading} onClick={() => void load(entries.at(-1)?.id)}>
          Entrées plus anciennes
        </button>
      ) : null}
    </section>
  );
}
