import { useEffect, useState } from 'react';
import type { PortalSettings } from '../../../src-shared/api/contract';
import type { FieldRule, PortalFieldRules } from '../../../src-shared/families/family';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { Field, FormError, useSubmit } from '../../components/forms';

const RULES: Array<{ key: keyof PortalFieldRules; label: string; choices: FieldRule[] }> = [
  { key: 'phones', label: 'Téléphones des responsables', choices: ['hidden', 'readonly', 'editable'] },
  { key: 'address', label: 'Adresse', choices: ['hidden', 'readonly', 'editable'] },
  {
    key: 'authorisedPickups',
    label: 'Personnes autorisées à venir chercher l’enfant',
    choices: ['hidden', 'readonly', 'editable'],
  },
  { key: 'schooling', label: 'École et classe des enfants', choices: ['hidden', 'readonly'] },
];
const CHOICE_LABELS: Record<FieldRule, string> = {
  hidden: 'Masqué',
  readonly: 'Visible, non modifiable',
  editable: 'Modifiable par la famille',
};

/**
 * Settings section (admins): what families see and may edit on the portal ("Ma famille"), and how
 * they reach the service. Saving sends the rules to the portal at the next sync.
 */
export function PortalRulesSection() {
  const [settings, setSettings] = useState<PortalSettings | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [saved, setSaved] = useState(false);
  const [contactEmail, setContactEmail] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  useEffect(() => {
    call('portal.getSettings', {}).then(
      (s) => {
        setSettings(s);
        setContactEmail(s.contactEmail ?? '');
        setContactPhone(s.contactPhone ?? '');
      },
      (e: ApiCallError) => setLoadError(e),
    );
  }, []);
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('portal.updateSettings', { fieldRules: settings!.fieldRules, contactEmail, contactPhone }),
    (s) => {
      setSettings(s);
      setContactEmail(s.contactEmail ?? '');
      setContactPhone(s.contactPhone ?? '');
      setSaved(true);
    },
  );
  if (!settings) return <FormError error={loadError} />;
  const setRule = (key: keyof PortalFieldRules, value: FieldRule) => {
    setSaved(false);
    setSettings({ ...settings, fieldRules: { ...settings.fieldRules, [key]: value } as PortalFieldRules });
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="portal-rules-title">
      <h2 id="portal-rules-title">Portail — informations modifiables par les familles</h2>
      <p className="hint">
        Ce que chaque famille voit sur sa page « Ma famille » et ce qu’elle peut corriger elle-même ; pour le
        reste, elle envoie une demande de modification au service.
      </p>
      <FormError error={error} />
      {saved ? (
        <div className="alert success" role="status">
          Règles enregistrées : elles s’appliqueront sur le portail dès la synchronisation (quelques secondes
          quand elle est active).
        </div>
      ) : null}
      <table className="data rules">
        <caption className="sr-only">Règles par information</caption>
        <thead>
          <tr>
            <th scope="col">Information</th>
            {(['hidden', 'readonly', 'editable'] as const).map((c) => (
              <th scope="col" key={c}>
                {CHOICE_LABELS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RULES.map((rule) => (
            <tr key={rule.key}>
              <th scope="row">{rule.label}</th>
              {(['hidden', 'readonly', 'editable'] as const).map((choice) => (
                <td key={choice}>
                  {rule.choices.includes(choice) ? (
                    <input
                      type="radio"
                      name={`rule-${rule.key}`}
                      aria-label={`${rule.label} : ${CHOICE_LABELS[choice]}`}
                      checked={settings.fieldRules[rule.key] === choice}
                      onChange={() => setRule(rule.key, choice)}
                    />
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid2">
        <Field
          label="E-mail de contact affiché aux familles"
          type="email"
          value={contactEmail}
          onChange={(e) => {
            setSaved(false);
            setContactEmail(e.target.value);
          }}
          errors={fieldErrors('contactEmail')}
        />
        <Field
          label="Téléphone de contact affiché aux familles"
          type="tel"
          value={contactPhone}
          onChange={(e) => {
            setSaved(false);
            setContactPhone(e.target.value);
          }}
          errors={fieldErrors('contactPhone')}
        />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Enregistrer les règles du portail
      </button>
    </form>
  );
}
