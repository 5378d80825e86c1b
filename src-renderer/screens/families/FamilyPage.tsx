import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { FamilyFile } from '../../../src-shared/api/contract';
import { PORTAL_ACCESS_LABELS } from '../../../src-shared/families/portal-access';
import { ApiCallError, call } from '../../api';
import { FormError } from '../../components/forms';
import { formatInstant } from '../../format';
import {
  draftFromFile,
  draftProblems,
  emptyDraft,
  inputFromDraft,
  sameDraft,
  type FamilyDraft,
} from './draft';
import { FamilyForm } from './FamilyForm';
import { FamilyHistory } from './FamilyHistory';
import { PortalAccessPanel } from './PortalAccessPanel';

/** Field problems from the API, keyed as the form knows them (without the `family.` wrapper). */
export function formErrors(error: ApiCallError | null, local: Record<string, string[]> = {}) {
  const errors: Record<string, string[]> = { ...local };
  for (const [key, messages] of Object.entries(error?.error.fields ?? {})) {
    errors[key.replace(/^family\./, '')] = messages;
  }
  return errors;
}

/** The API's generic "invalid data" says less than the form can: the problems are by the fields. */
export function explained(error: ApiCallError | null): ApiCallError | null {
  if (error?.error.code !== 'invalid_input') return error;
  return new ApiCallError({
    ...error.error,
    message: 'La fiche contient des erreurs : voyez les champs signalés en rouge.',
  });
}

/** Saves on Ctrl+S (or Cmd+S) while the page is shown, instead of the browser's "save page". */
export function useSaveShortcut(save: () => void) {
  const ref = useRef(save);
  useEffect(() => {
    ref.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Asks before leaving a form with unsaved changes through the navigation. */
function useLeaveGuard(dirty: boolean, leaving: { current: boolean }) {
  useEffect(() => {
    if (!dirty) return;
    const here = window.location.hash;
    const onHash = () => {
      if (leaving.current || window.location.hash === here) return;
      if (!window.confirm('Quitter la fiche sans enregistrer vos modifications ?')) {
        history.replaceState(null, '', here);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      }
    };
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('hashchange', onHash);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, leaving]);
}

/** A family file: "Nouvelle famille" when `id` is null. */
export function FamilyPage({ id }: { id: number | null }) {
  const [file, setFile] = useState<FamilyFile | null>(null);
  const [draft, setDraft] = useState<FamilyDraft>(emptyDraft);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    () => sessionStorage.getItem('alp.family.notice') ?? null,
  );

  const load = useCallback(async () => {
    if (id === null) return;
    try {
      const loaded = await call('families.get', { id });
      setFile(loaded);
      setDraft(draftFromFile(loaded));
      setLoadError(null);
    } catch (e) {
      setLoadError(e as ApiCallError);
    }
  }, [id]);
  useEffect(() => {
    sessionStorage.removeItem('alp.family.notice');
    void load();
  }, [load]);

  const saved = file ? draftFromFile(file) : emptyDraft();
  const dirty = !sameDraft(draft, saved);
  const leaving = useRef(false);
  useLeaveGuard(dirty && !busy, leaving);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const problems = draftProblems(draft);
    setLocal(problems);
    setNotice(null);
    if (Object.keys(problems).length > 0) {
      setError(new ApiCallError({ code: 'invalid_input', message: 'La fiche contient des erreurs.' }));
      return;
    }
    if (
      file &&
      file.portalAccess === 'active' &&
      draft.email.trim().toLowerCase() !== (file.email ?? '') &&
      !window.confirm(
        'Cette adresse e-mail est l’identifiant de connexion de la famille au portail : la famille devra désormais se connecter avec la nouvelle adresse. Continuer ?',
      )
    ) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = inputFromDraft(draft);
      if (file) {
        const updated = await call('families.update', {
          id: file.id,
          expectedVersion: file.version,
          family: input,
        });
        setFile(updated);
        setDraft(draftFromFile(updated));
        setNotice(
          updated.version === file.version
            ? 'Aucune modification à enregistrer.'
            : 'Modifications enregistrées.',
        );
      } else {
        const created = await call('families.create', input);
        sessionStorage.setItem('alp.family.notice', `Famille ${created.displayName} créée.`);
        setFile(created);
        setDraft(draftFromFile(created));
        leaving.current = true;
        window.location.hash = `#/familles/${created.id}`;
      }
    } catch (e) {
      setError(e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  useSaveShortcut(() => void save());

  if (id !== null && !file) {
    return (
      <section>
        <p>
          <a href="#/familles">← Familles</a>
        </p>
        {loadError ? <FormError error={loadError} /> : <p>Chargement…</p>}
      </section>
    );
  }

  const errors = formErrors(error, local);
  const stale = error?.error.code === 'conflict' && error.error.message.includes('entre-temps');
  return (
    <section className="family-page">
      <p className="breadcrumb">
        <a href="#/familles">← Familles</a>
      </p>
      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="family-title">
        <header className="page-head">
          <div>
            <h1 id="family-title">{file ? file.displayName : 'Nouvelle famille'}</h1>
            {file ? (
              <p className="lead">
                Fiche n° {file.id} · <span className="badge">{PORTAL_ACCESS_LABELS[file.portalAccess]}</span>
                {file.archived ? (
                  <>
                    {' '}
                    · <span className="badge muted">Archivée</span>
                  </>
                ) : null}{' '}
                · modifiée le {formatInstant(file.updatedAt)}
              </p>
            ) : (
              <p className="lead">Saisissez au moins un responsable. Ctrl+S enregistre.</p>
            )}
          </div>
          <div className="buttons">
            {dirty ? <span className="unsaved">Modifications non enregistrées</span> : null}
            <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+S">
              {file ? 'Enregistrer' : 'Créer la famille'}
            </button>
          </div>
        </header>
        {notice ? (
          <div className="alert success" role="status">
            {notice}
          </div>
        ) : null}
        <FormError error={explained(error)} />
        {stale ? (
          <p>
            <button type="button" onClick={() => void load().then(() => setError(null))}>
              Recharger la fiche
            </button>
          </p>
        ) : null}
        {file ? <ChangeRequests file={file} onChanged={setFile} /> : null}
        <FamilyForm
          draft={draft}
          onChange={setDraft}
          errors={errors}
          familyId={file?.id ?? null}
          portal={
            file ? (
              <PortalAccessPanel
                file={file}
                dirty={dirty}
                onChanged={(f) => {
                  setNotice(null);
                  setFile(f);
                  setDraft(draftFromFile(f));
                }}
              />
            ) : (
              <p className="hint">Vous pourrez créer l’accès au portail une fois la famille enregistrée.</p>
            )
          }
        />
        <div className="buttons form-end">
          <button type="submit" className="primary" disabled={busy}>
            {file ? 'Enregistrer' : 'Créer la famille'}
          </button>
        </div>
      </form>
      {file ? (
        <>
          <ArchivePanel
            file={file}
            dirty={dirty}
            onChanged={(f) => {
              setNotice(null);
              setFile(f);
              setDraft(draftFromFile(f));
            }}
          />
          <FamilyHistory familyId={file.id} version={file.version} />
        </>
      ) : null}
    </section>
  );
}

/** What parents asked the office to change from the portal, with a "traitée" toggle. */
function ChangeRequests({ file, onChanged }: { file: FamilyFile; onChanged: (f: FamilyFile) => void }) {
  const [error, setError] = useState<ApiCallError | null>(null);
  if (file.changeRequests.length === 0) return null;
  const toggle = async (requestId: number, handled: boolean) => {
    try {
      const updated = await call('families.setChangeRequestHandled', { id: requestId, handled });
      onChanged({
        ...file,
        changeRequests: file.changeRequests.map((r) => (r.id === requestId ? updated : r)),
      });
      window.dispatchEvent(new Event('alp:requests-changed'));
    } catch (e) {
      setError(e as ApiCallError);
    }
  };
  return (
    <section className="card change-requests" aria-labelledby="sec-changes">
      <h2 id="sec-changes">Demandes de modification</h2>
      <FormError error={error} />
      <ul className="plain">
        {file.changeRequests.map((r) => (
          <li key={r.id} className={r.handledAt ? 'handled' : ''}>
            <div className="message">{r.message}</div>
            <div className="meta">
              Reçue le {formatInstant(r.receivedAt)} par le portail
              {r.handledAt ? ` · traitée par ${r.handledByName ?? '—'} le ${formatInstant(r.handledAt)}` : ''}
            </div>
            <label>
              <input
                type="checkbox"
                checked={r.handledAt !== null}
                onChange={(e) => void toggle(r.id, e.target.checked)}
              />{' '}
              Traitée
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** No hard delete: archiving keeps the file and its history, and closes the portal access. */
function ArchivePanel({
  file,
  dirty,
  onChanged,
}: {
  file: FamilyFile;
  dirty: boolean;
  onChanged: (f: FamilyFile) => void;
}) {
  const [error, setError] = useState<ApiCallError | null>(null);
  const toggle = async () => {
    if (
      !file.archived &&
      !window.confirm(
        'Archiver cette famille ? Elle n’apparaîtra plus dans la recherche et son accès au portail sera fermé. Sa fiche et son historique sont conservés.',
      )
    )
      return;
    try {
      onChanged(await call('families.setArchived', { id: file.id, archived: !file.archived }));
    } catch (e) {
      setError(e as ApiCallError);
    }
  };
  return (
    <section className="card" aria-labelledby="sec-archive">
      <h2 id="sec-archive">Archivage</h2>
      <FormError error={error} />
      <p className="hint">
        {file.archived
          ? 'Cette famille est archivée : elle n’apparaît que si la recherche inclut les archives.'
          : 'Une famille qui a quitté la commune est archivée, jamais supprimée : son historique reste consultable.'}
      </p>
      <button type="button" onClick={() => void toggle()} disabled={dirty}>
        {file.archived ? 'Désarchiver la famille' : 'Archiver la famille'}
      </button>
      {dirty ? <span className="hint"> Enregistrez d’abord vos modifications.</span> : null}
    </section>
  );
}
