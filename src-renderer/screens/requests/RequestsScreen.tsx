import { useCallback, useEffect, useState } from 'react';
import type { AccountRequest, Output } from '../../../src-shared/api/contract';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { FormError } from '../../components/forms';
import { formatInstant } from '../../format';
import { RequestPage } from './RequestPage';

/** Tells the navigation badge (and any open inbox) that requests changed. */
export function requestsChanged() {
  window.dispatchEvent(new Event('alp:requests-changed'));
}

/** "Demandes de compte": `#/demandes` is the inbox, `#/demandes/<id>` one request. */
export function RequestsScreen({ path }: { path: string }) {
  const sub = path.replace(/^\/demandes\/?/, '');
  if (/^\d+$/.test(sub)) return <RequestPage key={sub} id={Number(sub)} />;
  return <RequestsInbox />;
}

const PAGE = 50;

function Children({ request }: { request: AccountRequest }) {
  return <>{request.children.map((c) => `${c.firstName} ${c.lastName}`).join(', ') || '—'}</>;
}

export const STATUS_LABELS: Record<AccountRequest['status'], string> = {
  pending: 'À traiter',
  created: 'Famille créée',
  linked: 'Rattachée à une famille',
  rejected: 'Refusée',
};

function RequestsInbox() {
  const [handled, setHandled] = useState(false);
  const [requests, setRequests] = useState<AccountRequest[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [changes, setChanges] = useState<Output<'requests.listChanges'>>([]);
  const [error, setError] = useState<ApiCallError | null>(null);

  const load = useCallback(
    async (cursor?: number) => {
      try {
        const page = await call('requests.list', { handled, limit: PAGE, ...(cursor ? { cursor } : {}) });
        setRequests((prev) => (cursor ? [...(prev ?? []), ...page.requests] : page.requests));
        setHasMore(page.hasMore);
        setChanges(await call('requests.listChanges', {}));
        setError(null);
      } catch (e) {
        setError(e as ApiCallError);
      }
    },
    [handled],
  );
  useEffect(() => {
    void load();
    const reload = () => void load();
    window.addEventListener('alp:requests-changed', reload);
    return () => window.removeEventListener('alp:requests-changed', reload);
  }, [load]);

  return (
    <section>
      <h1>Demandes de compte</h1>
      <p className="lead">
        Les familles sans compte demandent un accès depuis le portail. Créez leur fiche, rattachez la demande
        à une famille connue, ou refusez-la en expliquant pourquoi.
      </p>
      <div className="tabs" role="group" aria-label="Filtre">
        <button type="button" aria-pressed={!handled} onClick={() => setHandled(false)}>
          À traiter
        </button>
        <button type="button" aria-pressed={handled} onClick={() => setHandled(true)}>
          Traitées
        </button>
      </div>
      <FormError error={error} />
      {requests?.length === 0 ? (
        <p className="empty">{handled ? 'Aucune demande traitée.' : 'Aucune demande en attente.'}</p>
      ) : null}
      {requests && requests.length > 0 ? (
        <table className="data">
          <caption className="sr-only">{handled ? 'Demandes traitées' : 'Demandes à traiter'}</caption>
          <thead>
            <tr>
              <th scope="col">Reçue le</th>
              <th scope="col">Demandeur</th>
              <th scope="col">E-mail</th>
              <th scope="col">Enfants</th>
              <th scope="col">{handled ? 'Suite donnée' : ''}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatInstant(r.receivedAt)}</td>
                <td>
                  <a href={`#/demandes/${r.id}`}>
                    {r.adult.firstName} {r.adult.lastName}
                  </a>
                </td>
                <td>
                  {r.adult.email}
                  {r.knownFamily ? (
                    <div>
                      <span className="badge warn">
                        Adresse déjà connue : famille {r.knownFamily.displayName}
                      </span>
                    </div>
                  ) : r.emailKnownOnPortal ? (
                    <div>
                      <span className="badge warn">Adresse déjà connue du portail</span>
                    </div>
                  ) : null}
                </td>
                <td>
                  <Children request={r} />
                </td>
                <td>
                  {handled ? (
                    <>
                      {STATUS_LABELS[r.status]}
                      {r.family ? ` : ${r.family.displayName}` : ''}
                      <div className="hint">
                        {r.handledByName} · {formatInstant(r.handledAt)}
                      </div>
                    </>
                  ) : (
                    <a href={`#/demandes/${r.id}`} className="button-link">
                      Traiter
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {hasMore ? (
        <button type="button" onClick={() => void load(requests?.at(-1)?.id)}>
          Afficher plus
        </button>
      ) : null}

      <h2 className="section-title">Demandes de modification des familles</h2>
      <p className="hint">
        Ce que les familles ne peuvent pas modifier elles-mêmes sur le portail, elles le demandent ici.
        Marquez la demande comme traitée depuis la fiche de la famille.
      </p>
      {changes.length === 0 ? <p className="empty">Aucune demande de modification en attente.</p> : null}
      {changes.length > 0 ? (
        <table className="data">
          <caption className="sr-only">Demandes de modification en attente</caption>
          <thead>
            <tr>
              <th scope="col">Reçue le</th>
              <th scope="col">Famille</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{formatInstant(c.receivedAt)}</td>
                <td>
                  <a href={`#/familles/${c.familyId}`}>{c.familyName}</a>
                </td>
                <td className="message">{c.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
