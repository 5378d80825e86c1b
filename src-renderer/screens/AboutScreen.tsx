import { useEffect, useState } from 'react';
import type { Output } from '../../src-shared/api/contract';
import type { ApiCallError } from '../api';
import { call } from '../api';
import { FormError } from '../components/forms';
import { DETAIL_LABELS } from '../format';

export function AboutScreen() {
  const [info, setInfo] = useState<Output<'about.info'> | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  useEffect(() => {
    call('about.info', {}).then(setInfo, (e: ApiCallError) => setError(e));
  }, []);
  return (
    <section>
      <h1>À propos</h1>
      <FormError error={error} />
      {info ? (
        <dl className="facts card">
          <dt>Application</dt>
          <dd>Portail Famille ALP {info.appVersion}</dd>
          <dt>Mode</dt>
          <dd>{info.mode === 'electron' ? 'Application de bureau' : 'Navigateur (sans Electron)'}</dd>
          {Object.entries(info.versions).map(([name, version]) => (
            <div key={name} className="contents">
              <dt>{DETAIL_LABELS[name] ?? name}</dt>
              <dd>{version}</dd>
            </div>
          ))}
          <dt>Dossier des données</dt>
          <dd>
            <code>{info.dataDir}</code>
          </dd>
          <dt>Base de données</dt>
          <dd>
            <code>{info.databaseFile}</code>
          </dd>
          <dt>Version du schéma</dt>
          <dd>
            <code>{info.schemaVersion}</code>
          </dd>
        </dl>
      ) : null}
    </section>
  );
}
