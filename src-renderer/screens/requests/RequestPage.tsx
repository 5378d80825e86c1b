import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountRequest, FamilySuggestion, FamilySummary } from '../../../src-shared/api/contract';
import { MATCH_REASON_LABELS } from '../../../src-shared/families/matching';
import { ApiCallError, call } from '../../api';
import { FormError, useSubmit } from '../../components/forms';
import { formatInstant } from '../../format';
import {
  emptyAdult,
  emptyChild,
  emptyDraft,
  inputFromDraft,
  draftProblems,
  type FamilyDraft,
} from '../families/draft';
import { TextAreaField } from '../families/fields';
import { FamilyForm } from '../families/FamilyForm';
import { explained, formErrors, useSaveShortcut } from '../families/FamilyPage';
import { requestsChanged, STATUS_LABELS } from './RequestsScreen';

/** A calendar day as French staff read it: 2019-03-14 → 14/03/2019 (anything else as typed). */
function formatDay(day: string): string {
  return /^\d{4}-\d\d-\d\d$/.test(day) ? day.split('-').reverse().join('/') : day;
}

/** The family form pre-filled from what the parent typed on the portal. */
function draftFromRequest(request: AccountRequest): FamilyDraft {
  const draft = emptyDraft();
  const adult = {
    ...emptyAdult(request.adult.lastName),
    firstName: request.adult.firstName,
    mobile: request.adult.phone,
  };
  return {
    ...draft,
    email: request.adult.email,
    adults: [adult],
    children: request.children.map((c) => ({
      ...emptyChild(c.lastName),
      firstName: c.firstName,
      birthDate: /^\d{4}-\d\d-\d\d$/.test(c.birthDate) ? c.birthDate : '',
    })),
  };
}

type Loaded = { request: AccountRequest; suggestions: FamilySuggestion[] };

/** One account request: what the parent sent, families that look the same, and the three outcomes. */
export function RequestPage({ id }: { id: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState(false);

  const load = useCallback(async () => {
    try {
      setLoaded(await call('requests.get', { id }));
      setError(null);
    } catch (e) {
      setError(e as ApiCallError);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (!loaded) {
    return (
      <section>
        <p className="breadcrumb">
          <a href="#/demandes">← Demandes de compte</a>
        </p>
        {error ? <FormError error={error} /> : <p>Chargement…</p>}
      </section>
    );
  }
  const { request, suggestions } = loaded;
  const pending = request.status === 'pending';
  const done = (familyId: number, notice: string) => {
    requestsChanged();
    sessionStorage.setItem('alp.family.notice', notice);
    window.location.hash = `#/familles/${familyId}`;
  };

  return (
    <section className="request-page">
      <p className="breadcrumb">
        <a href="#/demandes">← Demandes de compte</a>
      </p>
      <header className="page-head">
        <div>
          <h1>
            Demande de {request.adult.firstName} {request.adult.lastName}
          </h1>
          <p className="lead">
            Reçue le {formatInstant(request.receivedAt)} ·{' '}
            <span className="badge">{STATUS_LABELS[request.status]}</span>
          </p>
        </div>
      </header>

      <div className="card">
        <dl className="facts">
          <dt>Responsable</dt>
          <dd>
            {request.adult.firstName} {request.adult.lastName}
          </dd>
          <dt>E-mail</dt>
          <dd>
            {request.adult.email}
            {request.knownFamily ? (
              <>
                {' '}
                <span className="badge warn">
                  Adresse déjà connue : famille{' '}
                  <a href={`#/familles/${request.knownFamily.id}`}>{request.knownFamily.displayName}</a>
                </span>
              </>
            ) : request.emailKnownOnPortal ? (
              <>
                {' '}
                <span className="badge warn">Adresse déjà connue du portail</span>
              </>
            ) : null}
          </dd>
          <dt>Téléphone</dt>
          <dd>{request.adult.phone || '—'}</dd>
          <dt>Enfants</dt>
          <dd>
            {request.children.length === 0 ? '—' : null}
            <ul className="plain">
              {request.children.map((c, i) => (
                <li key={i}>
                  {c.firstName} {c.lastName}, né(e) le {formatDay(c.birthDate)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>Message</dt>
          <dd className="message">{request.message || '—'}</dd>
          {!pending ? (
            <>
              <dt>Suite donnée</dt>
              <dd>
                {STATUS_LABELS[request.status]}
                {request.family ? (
                  <>
                    {' : '}
                    <a href={`#/familles/${request.family.id}`}>{request.family.displayName}</a>
                  </>
                ) : null}
                {request.rejectionReason ? ` — « ${request.rejectionReason} »` : ''} (par{' '}
                {request.handledByName}, le {formatInstant(request.handledAt)})
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      {pending && !creating ? (
        <>
          <LinkSection request={request} suggestions={suggestions} onLinked={done} />
          <div className="card">
            <h2>Autres suites</h2>
            <div className="buttons start">
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                Créer la famille à partir de la demande
              </button>
              <button type="button" className="danger" onClick={() => setRejecting(true)}>
                Refuser la demande…
              </button>
            </div>
          </div>
        </>
      ) : null}
      {pending && creating ? (
        <CreateFromRequest
          request={request}
          onCancel={() => setCreating(false)}
          onCreated={(familyId, name) => done(familyId, `Famille ${name} créée à partir de la demande.`)}
        />
      ) : null}
      {rejecting ? (
        <RejectDialog
          request={request}
          onClose={(rejected) => {
            setRejecting(false);
            if (rejected) {
              requestsChanged();
              void load();
            }
          }}
        />
      ) : null}
    </section>
  );
}

function LinkSection(props: {
  request: AccountRequest;
  suggestions: FamilySuggestion[];
  onLinked: (familyId: number, notice: string) => void;
}) {
  const [copyEmail, setCopyEmail] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FamilySummary[]>([]);
  const [error, setError] = useState<ApiCallError | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('families.search', { query, limit: 10 }).then(
        (r) => current && setFound(r.families),
        () => undefined,
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const link = async (family: FamilySummary) => {
    const copy =
      copyEmail && family.email !== props.request.adult.email
        ? ` et remplacer son adresse e-mail${family.email ? ` (${family.email})` : ''} par ${props.request.adult.email}`
        : '';
    if (!window.confirm(`Rattacher la demande à la famille ${family.displayName}${copy} ?`)) return;
    try {
      await call('requests.link', { id: props.request.id, familyId: family.id, copyEmail });
      props.onLinked(family.id, `Demande rattachée à la famille ${family.displayName}.`);
    } catch (e) {
      setError(e as ApiCallError);
    }
  };
  const row = (family: FamilySummary, reasons?: FamilySuggestion['reasons']) => (
    <li key={family.id} className="suggestion">
      <div>
        <a href={`#/familles/${family.id}`}>
          <strong>{family.displayName}</strong>
        </a>
        {reasons?.map((r) => (
          <span key={r} className="badge warn">
            {MATCH_REASON_LABELS[r]}
          </span>
        ))}
        <div className="hint">
          {family.children.map((c) => `${c.firstName} ${c.lastName}`).join(', ') || 'Aucun enfant'}
          {family.email ? ` · ${family.email}` : ''}
          {family.phone ? ` · ${family.phone}` : ''}
        </div>
      </div>
      <button type="button" onClick={() => void link(family)}>
        Rattacher à cette famille
      </button>
    </li>
  );

  return (
    <div className="card">
      <h2>Familles qui ressemblent à la demande</h2>
      <FormError error={error} />
      {props.suggestions.length === 0 ? (
        <p className="hint">
          Aucune famille connue n’a la même adresse e-mail, le même téléphone ou les mêmes noms.
        </p>
      ) : (
        <ul className="plain suggestions">{props.suggestions.map((s) => row(s, s.reasons))}</ul>
      )}
      <div className="field">
        <label htmlFor="link-search">Chercher une autre famille</label>
        <input
          id="link-search"
          type="search"
          value={query}
          autoComplete="off"
          placeholder="Nom, e-mail, téléphone…"
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {found.length > 0 ? <ul className="plain suggestions">{found.map((f) => row(f))}</ul> : null}
      <label className="inline">
        <input type="checkbox" checked={copyEmail} onChange={(e) => setCopyEmail(e.target.checked)} /> Faire
        de {props.request.adult.email} l’adresse e-mail de la famille (son identifiant du portail)
      </label>
    </div>
  );
}

function CreateFromRequest(props: {
  request: AccountRequest;
  onCancel: () => void;
  onCreated: (familyId: number, name: string) => void;
}) {
  const [draft, setDraft] = useState(() => draftFromRequest(props.request));
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const { busy, error, submit } = useSubmit(
    async () => {
      const problems = draftProblems(draft);
      setLocal(problems);
      if (Object.keys(problems).length > 0)
        throw new ApiCallError({ code: 'invalid_input', message: 'La fiche contient des erreurs.' });
      return call('requests.createFamily', { id: props.request.id, family: inputFromDraft(draft) });
    },
    (result) => props.onCreated(result.family.id, result.family.displayName),
  );
  useSaveShortcut(() => void submit());
  const top = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="create-title">
      <header className="page-head">
        <h2 id="create-title" ref={top}>
          Nouvelle famille à partir de la demande
        </h2>
        <div className="buttons">
          <button type="button" onClick={props.onCancel}>
            Annuler
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Créer la famille et clore la demande
          </button>
        </div>
      </header>
      <p className="hint">Vérifiez et complétez ce que la famille a saisi. Ctrl+S enregistre.</p>
      <FormError error={explained(error)} />
      <FamilyForm draft={draft} onChange={setDraft} errors={formErrors(error, local)} familyId={null} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Créer la famille et clore la demande
        </button>
      </div>
    </form>
  );
}

function RejectDialog(props: { request: AccountRequest; onClose: (rejected: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => ref.current?.showModal(), []);
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('requests.reject', { id: props.request.id, reason }),
    () => props.onClose(true),
  );
  return (
    <dialog ref={ref} onCancel={() => props.onClose(false)} aria-labelledby="reject-title">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="reject-title">Refuser la demande</h2>
        <p>
          La raison est envoyée par e-mail à {props.request.adult.email}. Écrivez-la comme vous l’écririez à
          la famille.
        </p>
        <FormError error={error} />
        <TextAreaField
          label="Raison du refus"
          rows={4}
          value={reason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
          errors={fieldErrors('reason')}
        />
        <div className="buttons">
          <button type="button" onClick={() => props.onClose(false)}>
            Annuler
          </button>
          <button type="submit" className="danger" disabled={busy}>
            Refuser et envoyer l’e-mail
          </button>
        </div>
      </form>
    </dialog>
  );
}
