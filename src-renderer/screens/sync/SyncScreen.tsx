import { useCallback, useEffect, useState } from 'react';
import type {
  SyncLogEntry,
  SyncProgress,
  SyncRunSummary,
  SyncStatus,
} from '../../../src-shared/api/sync.contract';
import type { ApiCallError } from '../../api';
import { call, onEvent } from '../../api';
import { FormError } from '../../components/forms';
import { formatInstant } from '../../format';
import { formatRelative } from './relative-time';
import { SyncSettingsForm } from './SyncSettingsForm';
import './sync.css';

const LOG_PAGE = 30;

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

/**
 * The current time, again every few seconds so that "il y a 2 minutes" stays true while the screen
 * is open, and on demand when new data arrives.
 */
function useNow(everyMs = 5_000): [number, () => void] {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return [now, useCallback(() => setNow(Date.now()), [])];
}

function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 100) return '< 0,1 s';
  return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
}

function When({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <>—</>;
  return (
    <>
      {formatRelative(iso, now)} <span className="muted">({formatInstant(iso)})</span>
    </>
  );
}

function progressLabel(p: SyncProgress): string {
  if (p.phase === 'push') {
    return p.total === null
      ? `Envoi vers le portail : ${plural(p.done, 'modification', 'modifications')}`
      : `Envoi vers le portail : ${p.done.toLocaleString('fr-FR')} / ${plural(p.total, 'modification', 'modifications')}`;
  }
  return `Réception depuis le portail : ${plural(p.done, 'événement traité', 'événements traités')}`;
}

function StateBadge({ status }: { status: SyncStatus }) {
  if (status.running) return <span className="badge">En cours</span>;
  if (!status.configured) return <span className="badge muted">Non configurée</span>;
  if (status.lastError) return <span className="badge warn">En erreur</span>;
  if (!status.lastSuccessAt) return <span className="badge muted">Jamais synchronisée</span>;
  return <span className="badge ok">À jour</span>;
}

/**
 * "Synchronisation": where the office stands with the portal (last success, what waits in each
 * direction, the last error, the next run), "Synchroniser maintenant" with live progress, the log;
 * and for administrators, the portal's address and the shared secret.
 */
export function SyncScreen({ isAdmin }: { isAdmin: boolean }) {
  const [now, tick] = useNow();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [entries, setEntries] = useState<SyncLogEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [result, setResult] = useState<SyncRunSummary | null>(null);
  const [starting, setStarting] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [s, log] = await Promise.all([call('sync.status', {}), call('sync.log', { limit: LOG_PAGE })]);
      tick();
      setStatus(s);
      setProgress(s.progress);
      setEntries(log.entries);
      setHasMore(log.hasMore);
      setError(null);
    } catch (e) {
      setError(e as ApiCallError);
    }
  }, [tick]);
  useEffect(() => void refresh(), [refresh]);

  // Progress of any run (scheduled, or asked for from another window), then the new state.
  useEffect(
    () =>
      onEvent('sync.progress', (event) => {
        if (event.running) {
          setProgress({ phase: event.phase, done: event.done, total: event.total });
          setStatus((s) => (s && !s.running ? { ...s, running: true } : s));
        } else {
          setProgress(null);
          void refresh();
        }
      }),
    [refresh],
  );
  // The schedule runs without this screen: look again now and then.
  useEffect(() => {
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const syncNow = async () => {
    setStarting(true);
    setResult(null);
    setError(null);
    try {
      setResult(await call('sync.runNow', {}));
    } catch (e) {
      setError(e as ApiCallError);
    } finally {
      setStarting(false);
      void refresh();
    }
  };

  const loadOlder = async () => {
    try {
      const log = await call('sync.log', { limit: LOG_PAGE, beforeId: entries.at(-1)?.id });
      setEntries((prev) => [...prev, ...log.entries]);
      setHasMore(log.hasMore);
    } catch (e) {
      setError(e as ApiCallError);
    }
  };

  const running = starting || status?.running === true;

  return (
    <section className="sync-screen">
      <h1>Synchronisation avec le portail</h1>
      <p className="lead">
        Le bureau envoie au portail ce que les familles doivent voir (quelques secondes après chaque
        modification, sinon selon l’intervalle choisi), et reçoit ce qu’elles y ont demandé. Il continue de
        fonctionner quand le portail est injoignable : tout part à la synchronisation suivante.
      </p>
      <FormError error={error} />
      {status ? (
        <>
          {!status.configured ? (
            <div className="alert info" role="status">
              La synchronisation n’est pas configurée.{' '}
              {isAdmin
                ? 'Indiquez ci-dessous l’adresse du portail et le secret partagé.'
                : 'Un administrateur doit indiquer l’adresse du portail et le secret partagé.'}
            </div>
          ) : null}
          <div className="card sync-state" aria-labelledby="sync-state-title">
            <h2 id="sync-state-title">
              État <StateBadge status={status} />
            </h2>
            <dl className="facts">
              <dt>Portail</dt>
              <dd>{status.portalUrl ? <code>{status.portalUrl}</code> : '—'}</dd>
              <dt>Dernière réussite</dt>
              <dd>
                <When iso={status.lastSuccessAt} now={now} />
              </dd>
              <dt>Dernière tentative</dt>
              <dd>
                <When iso={status.lastAttemptAt} now={now} />
              </dd>
              <dt>Prochaine synchronisation</dt>
              <dd>
                {status.running ? (
                  'en cours'
                ) : status.nextRunAt ? (
                  <When iso={status.nextRunAt} now={now} />
                ) : status.configured ? (
                  'automatique désactivée (seulement à la demande)'
                ) : (
                  '—'
                )}
                {status.consecutiveFailures > 0 && status.nextRunAt ? (
                  <span className="muted">
                    {' '}
                    — nouvel essai espacé après {plural(status.consecutiveFailures, 'échec', 'échecs')} de
                    suite
                  </span>
                ) : null}
              </dd>
              <dt>Vers le portail</dt>
              <dd>
                {status.pendingPush === 0 ? (
                  'rien en attente'
                ) : (
                  <>
                    {plural(status.pendingPush, 'modification en attente', 'modifications en attente')}
                    {status.oldestPendingAt ? (
                      <span className="muted">
                        {' '}
                        (la plus ancienne : {formatInstant(status.oldestPendingAt)})
                      </span>
                    ) : null}
                  </>
                )}
              </dd>
              <dt>Depuis le portail</dt>
              <dd>
                connu à la prochaine synchronisation — dernier événement reçu : n°{status.eventsCursor}
                {status.lastRun ? (
                  <span className="muted">
                    {' '}
                    (la dernière synchronisation en a reçu {status.lastRun.pulled.toLocaleString('fr-FR')})
                  </span>
                ) : null}
              </dd>
            </dl>
            {status.lastError ? (
              <div className="alert error" role="alert">
                <strong>Dernière erreur :</strong> {status.lastError}
              </div>
            ) : null}
            <div className="sync-actions">
              <button
                type="button"
                className="primary"
                onClick={() => void syncNow()}
                disabled={running || !status.configured}
              >
                {running ? 'Synchronisation en cours…' : 'Synchroniser maintenant'}
              </button>
              {running ? (
                <div className="sync-progress" role="status" aria-live="polite">
                  <progress
                    aria-label="Avancement de la synchronisation"
                    {...(progress?.total ? { max: progress.total, value: progress.done } : {})}
                  />
                  <span>{progress ? progressLabel(progress) : 'Connexion au portail…'}</span>
                </div>
              ) : result ? (
                <div className={`alert ${result.ok ? 'success' : 'error'}`} role="status">
                  {result.ok
                    ? `Synchronisation réussie : ${plural(result.pushed, 'modification envoyée', 'modifications envoyées')}, ${plural(result.pulled, 'événement reçu', 'événements reçus')}.`
                    : `Échec de la synchronisation : ${result.error}`}
                </div>
              ) : null}
            </div>
          </div>
        </>
      ) : !error ? (
        <p>Chargement…</p>
      ) : null}

      <h2>Journal</h2>
      <table className="data">
        <caption className="sr-only">Journal de synchronisation, le plus récent d’abord</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Origine</th>
            <th scope="col">Résultat</th>
            <th scope="col">Envoyées</th>
            <th scope="col">Reçus</th>
            <th scope="col">Durée</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={e.level === 'error' ? 'sync-log-error' : ''}>
              <td className="nowrap">{formatInstant(e.at)}</td>
              <td>{e.origin === 'manual' ? 'À la demande' : 'Automatique'}</td>
              <td>
                {e.level === 'error' ? (
                  <span className="badge warn">Échec</span>
                ) : (
                  <span className="badge ok">OK</span>
                )}{' '}
                {e.message}
              </td>
              <td className="num">{e.pushed.toLocaleString('fr-FR')}</td>
              <td className="num">{e.pulled.toLocaleString('fr-FR')}</td>
              <td className="num nowrap">{formatDuration(e.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && status ? <p>Aucune synchronisation pour l’instant.</p> : null}
      {hasMore ? (
        <button type="button" onClick={() => void loadOlder()}>
          Entrées plus anciennes
        </button>
      ) : null}

      {isAdmin ? <SyncSettingsForm onSaved={() => void refresh()} /> : null}
    </section>
  );
}
