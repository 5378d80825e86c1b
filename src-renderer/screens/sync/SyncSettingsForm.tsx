import { useEffect, useId, useState } from 'react';
import type { SyncSettingsView } from '../../../src-shared/api/sync.contract';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { Field, FormError, useSubmit } from '../../components/forms';

/** 32 random bytes, base64url: 43 characters, well above the 32 the portal requires. */
function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * The portal's address, the shared secret (never shown back once saved: only its end), the
 * interval and the automatic schedule. Administrators only. A new address queues everything the
 * portal must know (it may be a new, empty portal).
 */
export function SyncSettingsForm({ onSaved }: { onSaved: () => void }) {
  const [saved, setSaved] = useState<SyncSettingsView | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [portalUrl, setPortalUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [interval, setIntervalMinutes] = useState('2');
  const [enabled, setEnabled] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const enabledId = useId();

  const load = (s: SyncSettingsView) => {
    setSaved(s);
    setPortalUrl(s.portalUrl ?? '');
    setIntervalMinutes(String(s.intervalMinutes));
    setEnabled(s.portalUrl === null ? true : s.enabled);
    setSecret('');
    setShowSecret(false);
  };
  useEffect(() => {
    call('sync.getSettings', {}).then(load, (e: ApiCallError) => setLoadError(e));
  }, []);

  const { busy, error, submit, fieldErrors } = useSubmit(
    () =>
      call('sync.updateSettings', {
        portalUrl,
        ...(secret ? { secret } : {}),
        intervalMinutes: Number(interval),
        enabled,
      }),
    (s) => {
      const newAddress = s.portalUrl !== saved?.portalUrl;
      load(s);
      setNotice(
        newAddress
          ? 'Paramètres de synchronisation enregistrés. Le portail à cette adresse recevra tout ce qu’il doit connaître (les familles et les réglages du portail) à la prochaine synchronisation.'
          : 'Paramètres de synchronisation enregistrés.',
      );
      onSaved();
    },
  );

  if (!saved) return <FormError error={loadError} />;
  const changed = () => setNotice(null);

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="sync-settings-title">
      <h2 id="sync-settings-title">Paramètres de synchronisation</h2>
      <p className="hint">
        Réservé aux administrateurs. Chaque modification est inscrite au journal d’audit.
      </p>
      <FormError error={error} />
      {notice ? (
        <div className="alert success" role="status">
          {notice}
        </div>
      ) : null}
      <Field
        label="Adresse du portail"
        type="url"
        value={portalUrl}
        placeholder="https://portail.commune.fr"
        onChange={(e) => {
          changed();
          setPortalUrl(e.target.value);
        }}
        required
        autoComplete="off"
        errors={fieldErrors('portalUrl')}
        hint="L’adresse publique du portail famille, en https://."
      />
      <Field
        label="Secret de synchronisation"
        type={showSecret ? 'text' : 'password'}
        value={secret}
        placeholder={
          saved.secretHint ? `••••${saved.secretHint} (enregistré — laisser vide pour le garder)` : ''
        }
        onChange={(e) => {
          changed();
          setShowSecret(false);
          setSecret(e.target.value);
        }}
        required={!saved.secretHint}
        autoComplete="new-password"
        spellCheck={false}
        errors={fieldErrors('secret')}
        hint={
          showSecret
            ? 'Copiez ce secret dans la variable PORTAL_SYNC_SECRET du portail (puis redémarrez le portail), et enregistrez ici. Il ne sera plus affiché.'
            : 'Le même secret que la variable PORTAL_SYNC_SECRET du portail, 32 caractères au moins.'
        }
      />
      <div className="buttons start">
        <button
          type="button"
          onClick={() => {
            changed();
            setSecret(generateSecret());
            setShowSecret(true);
          }}
        >
          Générer un secret
        </button>
      </div>
      <div className="grid2">
        <Field
          label="Intervalle (minutes)"
          type="number"
          min={1}
          max={1440}
          value={interval}
          onChange={(e) => {
            changed();
            setIntervalMinutes(e.target.value);
          }}
          required
          errors={fieldErrors('intervalMinutes')}
        />
        <div className="field checkbox-field">
          <input
            id={enabledId}
            type="checkbox"
            checked={enabled}
            onChange={(e) => {
              changed();
              setEnabled(e.target.checked);
            }}
          />
          <label htmlFor={enabledId}>
            Synchroniser automatiquement : à cet intervalle, et quelques secondes après chaque modification
          </label>
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Enregistrer
      </button>
    </form>
  );
}
