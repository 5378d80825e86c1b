import { useCallback, useEffect, useRef, useState } from 'react';
import type { MailMessage, MailMessageDetail, MailState } from '../../../src-shared/api/mail.contract';
import type { Output } from '../../../src-shared/api/contract';
import type { ApiCallError } from '../../api';
import { call, onEvent } from '../../api';
import { FormError } from '../../components/forms';
import { formatInstant } from '../../format';
import { SmtpSettingsForm } from './SmtpSettingsForm';
import './mail.css';

const PAGE = 50;

export const MAIL_STATE_LABELS: Record<MailState, string> = {
  queued: 'En attente',
  sent: 'Envoyé',
  failed: 'En échec',
};

/** French names of the kinds of message the office and its features queue. */
const KIND_LABELS: Record<string, string> = {
  test: 'E-mail de test',
  invitation: 'Invitation au portail',
  password_reset: 'Mot de passe oublié',
  account_request_rejected: 'Refus de demande de compte',
};
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

function StateCell({ m }: { m: MailMessage }) {
  const badge =
    m.state === 'sent' ? (
      <span className="badge ok">Envoyé</span>
    ) : m.state === 'failed' ? (
      <span className="badge warn">En échec</span>
    ) : (
      <span className="badge">En attente</span>
    );
  return (
    <>
      {badge}
      {m.state === 'sent' && m.sentAt ? <span className="muted"> le {formatInstant(m.sentAt)}</span> : null}
      {m.attempts > 1 || (m.state !== 'sent' && m.attempts > 0) ? (
        <span className="muted">
          {' '}
          — {m.attempts} essai{m.attempts > 1 ? 's' : ''}
        </span>
      ) : null}
      {m.state === 'queued' && m.attempts > 0 && m.nextAttemptAt ? (
        <span className="muted"> — nouvel essai {formatInstant(m.nextAttemptAt)}</span>
      ) : null}
      {m.lastError && m.state !== 'sent' ? <span className="reason">{m.lastError}</span> : null}
      {m.resentAs.length > 0 ? <span className="muted"> — renvoyé (n°{m.resentAs.join(', n°')})</span> : null}
    </>
  );
}

/**
 * "Courriels": every e-mail the office sends, queued first and then sent with retries: the queue
 * and the history, filtered by state, each message readable, "Renvoyer" for sent and failed ones;
 * and for administrators, the SMTP server and a test e-mail.
 */
export function MailScreen({ isAdmin }: { isAdmin: boolean }) {
  const [state, setState] = useState<MailState | ''>('');
  const [page, setPage] = useState<Output<'mail.list'> | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [open, setOpen] = useState<MailMessageDetail | null>(null);
  // Pages loaded with "Messages plus anciens", after the first one (reloaded on every change).
  const [older, setOlder] = useState<MailMessage[]>([]);
  const [olderHasMore, setOlderHasMore] = useState<boolean | null>(null);

  const refresh = useCallback(async () => {
    try {
      setPage(await call('mail.list', { limit: PAGE, ...(state ? { state } : {}) }));
      setOlder([]);
      setOlderHasMore(null);
      setError(null);
    } catch (e) {
      setError(e as ApiCallError);
    }
  }, [state]);
  useEffect(() => void refresh(), [refresh]);
  useEffect(() => onEvent('mail.changed', () => void refresh()), [refresh]);

  const messages = [...(page?.messages ?? []), ...older];
  const hasMore = olderHasMore ?? page?.hasMore ?? false;

  const loadOlder = async () => {
    try {
      const next = await call('mail.list', {
        limit: PAGE,
        beforeId: messages.at(-1)?.id,
        ...(state ? { state } : {}),
      });
      setOlder((prev) => [...prev, ...next.messages]);
      setOlderHasMore(next.hasMore);
    } catch (e) {
      setError(e as ApiCallError);
    }
  };

  const read = async (id: number) => {
    try {
      setOpen(await call('mail.get', { id }));
    } catch (e) {
      setError(e as ApiCallError);
    }
  };

  const resend = async (m: MailMessage) => {
    setNotice(null);
    try {
      const copy = await call('mail.resend', { id: m.id });
      setNotice(`Message renvoyé à ${m.to} : il part dès que possible (n°${copy.id}).`);
      setOpen(null);
      await refresh();
    } catch (e) {
      setError(e as ApiCallError);
    }
  };

  const counts = page?.counts;
  return (
    <section>
      <h1>Courriels</h1>
      <p className="lead">
        Chaque e-mail est d’abord enregistré ici, puis envoyé ; en cas de panne du serveur d’envoi, il est
        réessayé automatiquement.
      </p>
      {page && !page.smtpConfigured ? (
        <div className="alert info" role="status">
          Aucun serveur d’envoi n’est configuré : les courriels restent en attente.{' '}
          {isAdmin
            ? 'Renseignez le serveur d’envoi (SMTP) plus bas.'
            : 'Un administrateur doit renseigner le serveur d’envoi.'}
        </div>
      ) : null}
      <FormError error={error} />
      {notice ? (
        <div className="alert success" role="status">
          {notice}
        </div>
      ) : null}

      <div className="toolbar">
        <label htmlFor="mail-state">Afficher</label>
        <select id="mail-state" value={state} onChange={(e) => setState(e.target.value as MailState | '')}>
          <option value="">Tous les messages</option>
          {(Object.keys(MAIL_STATE_LABELS) as MailState[]).map((s) => (
            <option key={s} value={s}>
              {MAIL_STATE_LABELS[s]}
              {counts ? ` (${counts[s].toLocaleString('fr-FR')})` : ''}
            </option>
          ))}
        </select>
        {counts ? (
          <span className="count">
            {counts.queued} en attente · {counts.sent} envoyés · {counts.failed} en échec
          </span>
        ) : null}
      </div>

      <table className="data">
        <caption className="sr-only">Courriels, le plus récent d’abord</caption>
        <thead>
          <tr>
            <th scope="col">Créé le</th>
            <th scope="col">Destinataire</th>
            <th scope="col">Objet</th>
            <th scope="col">État</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {messages.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">{formatInstant(m.createdAt)}</td>
              <td>{m.to}</td>
              <td>
                {m.subject}
                <span className="kind">{kindLabel(m.kind)}</span>
              </td>
              <td>
                <StateCell m={m} />
              </td>
              <td className="actions">
                <button
                  type="button"
                  onClick={() => void read(m.id)}
                  aria-label={`Lire le message n°${m.id}`}
                >
                  Lire
                </button>
                {m.state !== 'queued' ? (
                  <button
                    type="button"
                    onClick={() => void resend(m)}
                    aria-label={`Renvoyer le message n°${m.id} à ${m.to}`}
                  >
                    Renvoyer
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && messages.length === 0 ? <p>Aucun message.</p> : null}
      {hasMore ? (
        <button type="button" onClick={() => void loadOlder()}>
          Messages plus anciens
        </button>
      ) : null}

      {open ? <MessageDialog message={open} onClose={() => setOpen(null)} onResend={resend} /> : null}
      {isAdmin ? <SmtpSettingsForm onChanged={() => void refresh()} /> : null}
    </section>
  );
}

function MessageDialog({
  message,
  onClose,
  onResend,
}: {
  message: MailMessageDetail;
  onClose: () => void;
  onResend: (m: MailMessage) => Promise<void>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="wide" onCancel={onClose} aria-labelledby="mail-title">
      <h2 id="mail-title">{message.subject}</h2>
      <dl className="facts">
        <dt>À</dt>
        <dd>{message.to}</dd>
        <dt>Type</dt>
        <dd>{kindLabel(message.kind)}</dd>
        <dt>État</dt>
        <dd>
          <StateCell m={message} />
        </dd>
        <dt>Créé le</dt>
        <dd>{formatInstant(message.createdAt)}</dd>
        {message.resentFrom ? (
          <>
            <dt>Renvoi du</dt>
            <dd>message n°{message.resentFrom}</dd>
          </>
        ) : null}
      </dl>
      <pre className="mail-text" aria-label="Texte du message">
        {message.text}
      </pre>
      <div className="buttons">
        {message.state !== 'queued' ? (
          <button type="button" onClick={() => void onResend(message)}>
            Renvoyer
          </button>
        ) : null}
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Fermer
        </button>
      </div>
    </dialog>
  );
}
