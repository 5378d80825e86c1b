import { useEffect, useState } from 'react';
import type { OfficeSettings } from '../../src-shared/api/contract';
import type { ApiCallError } from '../api';
import { call } from '../api';
import { Field, FormError, useSubmit } from '../components/forms';

/** The office's settings (admins only). */
export function SettingsScreen({ onSaved }: { onSaved: (s: OfficeSettings) => void }) {
  const [settings, setSettings] = useState<OfficeSettings | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    call('settings.get', {}).then(setSettings, (e: ApiCallError) => setLoadError(e));
  }, []);
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('settings.update', settings!),
    (s) => {
      setSaved(true);
      onSaved(s);
    },
  );
  if (!settings) return <FormError error={loadError} />;
  const change = (patch: Partial<OfficeSettings>) => {
    setSaved(false);
    setSettings({ ...settings, ...patch });
  };
  return (
    <section>
      <h1>Paramètres</h1>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <FormError error={error} />
        {saved ? (
          <div className="alert success" role="status">
            Paramètres enregistrés.
          </div>
        ) : null}
        <Field
          label="Nom de la commune"
          value={settings.communeName}
          onChange={(e) => change({ communeName: e.target.value })}
          required
          errors={fieldErrors('communeName')}
        />
        <Field
          label="Déconnexion après inactivité (minutes)"
          type="number"
          min={1}
          max={480}
          value={settings.sessionTimeoutMinutes}
          onChange={(e) => change({ sessionTimeoutMinutes: Number(e.target.value) })}
          required
          errors={fieldErrors('sessionTimeoutMinutes')}
          hint="Un poste laissé sans activité revient à l’écran de connexion."
        />
        <button type="submit" className="primary" disabled={busy}>
          Enregistrer
        </button>
      </form>
    </section>
  );
}
