import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FamilySummary } from '../../../src-shared/api/contract';
import { PORTAL_ACCESS_LABELS } from '../../../src-shared/families/portal-access';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { FormError } from '../../components/forms';
import { FamilyPage } from './FamilyPage';

/**
 * "Familles": `#/familles` is the search, `#/familles/nouvelle` a new file, `#/familles/<id>` a file.
 * `path` is the hash path the application frame routed here.
 */
export function FamiliesScreen({ path }: { path: string }) {
  const sub = path.replace(/^\/familles\/?/, '');
  if (sub === 'nouvelle') return <FamilyPage key="new" id={null} />;
  const id = /^\d+$/.test(sub) ? Number(sub) : null;
  if (id !== null) return <FamilyPage key={id} id={id} />;
  return <FamilySearch />;
}

const DEBOUNCE_MS = 150;
const QUERY_KEY = 'alp.families.query';

function age(birthDate: string): string {
  const born = new Date(`${birthDate}T12:00:00`);
  const now = new Date();
  let years = now.getFullYear() - born.getFullYear();
  if (
    now.getMonth() < born.getMonth() ||
    (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())
  )
    years -= 1;
  return years < 0 ? '' : `${years} an${years > 1 ? 's' : ''}`;
}

/**
 * The search, keyboard first: the box has the focus on arrival, results follow the typing, ↑/↓
 * move through them and Entrée opens the file. The last query is kept for the tab, so "← Familles"
 * comes back to the same list.
 */
function open(family: FamilySummary | undefined) {
  if (family) window.location.hash = `#/familles/${family.id}`;
}

function FamilySearch() {
  const [query, setQuery] = useState(() => sessionStorage.getItem(QUERY_KEY) ?? '');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [results, setResults] = useState<FamilySummary[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<ApiCallError | null>(null);
  // The query the shown results answer: Entrée typed before the answer to the latest keystrokes
  // waits for it, so a fast typist never opens a family from the previous list.
  const [answered, setAnswered] = useState<string | null>(null);
  const openWhenAnswered = useRef(false);
  const searched = `${includeArchived ? 'a' : ''}:${query}`;

  useEffect(() => {
    sessionStorage.setItem(QUERY_KEY, query);
    let current = true;
    const timer = setTimeout(() => {
      call('families.search', { query, includeArchived }).then(
        (found) => {
          if (!current) return;
          setResults(found.families);
          setHasMore(found.hasMore);
          setActive(0);
          setError(null);
          setAnswered(`${includeArchived ? 'a' : ''}:${query}`);
          if (openWhenAnswered.current) {
            openWhenAnswered.current = false;
            open(found.families[0]);
          }
        },
        (e: ApiCallError) => current && setError(e),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, includeArchived]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const count = results?.length ?? 0;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(count - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (answered === searched) open(results?.[active]);
      else openWhenAnswered.current = true;
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };
  useEffect(() => {
    document.getElementById(`family-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <section>
      <header className="page-head">
        <h1>Familles</h1>
        <div className="buttons">
          <button
            type="button"
            className="primary"
            onClick={() => (window.location.hash = '#/familles/nouvelle')}
          >
            Nouvelle famille
          </button>
        </div>
      </header>
      <div className="search-box">
        <label htmlFor="family-search" className="sr-only">
          Rechercher une famille
        </label>
        <input
          id="family-search"
          type="search"
          role="combobox"
          aria-expanded={!!results?.length}
          aria-controls="family-results"
          aria-activedescendant={results?.length ? `family-option-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="Nom d’un parent ou d’un enfant, e-mail, téléphone…"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.target.checked)}
          />{' '}
          Inclure les familles archivées
        </label>
      </div>
      <p className="hint">↑ ↓ pour choisir, Entrée pour ouvrir la fiche.</p>
      <FormError error={error} />
      {results === null && !error ? <p>Chargement…</p> : null}
      {results?.length === 0 ? (
        <p className="empty">
          {query.trim()
            ? `Aucune famille ne correspond à « ${query.trim()} ».`
            : 'Aucune famille pour l’instant.'}
        </p>
      ) : null}
      <ul
        id="family-results"
        role="listbox"
        aria-label="Familles trouvées"
        aria-busy={answered !== searched}
        className={answered === searched ? 'results' : 'results stale'}
      >
        {results?.map((f, i) => (
          <li
            key={f.id}
            id={`family-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => open(f)}
          >
            <div className="line1">
              <strong>{f.displayName}</strong>
              {f.archived ? <span className="badge muted">Archivée</span> : null}
              {f.portalAccess !== 'none' ? (
                <span className={`badge access-${f.portalAccess}`}>
                  {PORTAL_ACCESS_LABELS[f.portalAccess]}
                </span>
              ) : null}
            </div>
            <div className="line2">
              {f.children.length > 0
                ? f.children
                    .map((c) => `${c.firstName}${c.birthDate ? ` (${age(c.birthDate)})` : ''}`)
                    .join(', ')
                : 'Aucun enfant'}
              {f.email ? ` · ${f.email}` : ''}
              {f.phone ? ` · ${f.phone}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {hasMore ? (
        <p className="hint">Seules les 50 premières familles sont affichées : précisez la recherche.</p>
      ) : null}
    </section>
  );
}
