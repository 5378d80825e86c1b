import { useEffect, useId, useState } from 'react';
import type { SmtpSettingsView } from '../../../src-shared/api/mail.contract';
import type { ApiCallError } from '../../api';
import { call } from '../../api';
import { Field, FormError, useSubmit } from '../../components/forms';

/**
 * The SMTP server the office sends through (the password is never shown back), and a test e-mail
 * sent at once with what the server answered. Administrators only.
 */
export function SmtpSettingsForm({ onChanged }: { onChanged: () => void }) {
  const [saved, setSaved] = useState<SmtpSettingsView | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('587');
  const [secure, setSecure] = useState(false);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [fromAddress, setFromAddress] = useState('');
  const [fromName, setFromName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [testTo, setTestTo] = useState('');
  const [testResult, setTestResult] = useState<string | null>(null);
  const secureId = useId();

  const load = (s: SmtpSettingsView) => {
    setSaved(s);
    setHost(s.host);
    setPort(String(s.port));
    setSecure(s.secure);
    setUser(s.user);
    setPassword('');
    setFromAddress(s.fromAddress);
    setFromName(s.fromName);
    setTestTo((current) => current || s.fromAddress);
  };
  useEffect(() => {
    call('mail.getSettings', {}).then(load, (e: ApiCallError) => setLoadError(e));
  }, []);

  const save = useSubmit(
    () =>
      call('mail.updateSettings', {
        host,
        port: Number(port),
        secure,
        user,
        ...(password ? { password } : {}),
        fromAddress,
        fromName,
      }),
    (s) => {
      load(s);
      setNotice('Paramètres d’envoi enregistrés. Les courriels en attente partent maintenant.');
      onChanged();
    },
  );
  const test = useSubmit(
    () => call('mail.sendTest', { to: testTo }),
    (r) => {
      setNotice(null);
      setTestResult(`E-mail de test envoyé à ${r.to}. Vérifiez qu’il est bien arrivé.`);
      onChanged();
    },
  );

  if (!saved) return <FormError error={loadError} />;
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setNotice(null);
      set(v);
    };

  return (
    <>
      <form className="card mail-settings" onSubmit={(e) => void save.submit(e)} aria-labelledby="smtp-title">
        <h2 id="smtp-title">Serveur d’envoi (SMTP)</h2>
        <p className="hint">
          Réservé aux administrateurs. Les paramètres sont fournis par l’hébergeur de la messagerie de la
          mairie ; chaque modification est inscrite au journal d’audit.
        </p>
        <FormError error={save.error} />
        {notice ? (
          <div className="alert success" role="status">
            {notice}
          </div>
        ) : null}
        <div className="grid2">
          <Field
            label="Serveur"
            value={host}
            placeholder="smtp.commune.fr"
            onChange={(e) => edit(setHost)(e.target.value)}
            required
            autoComplete="off"
            errors={save.fieldErrors('host')}
          />
          <Field
            label="Port"
            type="number"
            min={1}
            max={65535}
            value={port}
            onChange={(e) => edit(setPort)(e.target.value)}
            required
            errors={save.fieldErrors('port')}
            hint="587 en général ; 465 avec la connexion chiffrée dès l’ouverture."
          />
          <div className="field checkbox-field">
            <input
              id={secureId}
              type="checkbox"
              checked={secure}
              onChange={(e) => edit(setSecure)(e.target.checked)}
            />
            <label htmlFor={secureId}>Connexion chiffrée dès l’ouverture (TLS, port 465)</label>
          </div>
        </div>
        <div className="grid2">
          <Field
            label="Identifiant SMTP"
            value={user}
            onChange={(e) => edit(setUser)(e.target.value)}
            autoComplete="off"
            errors={save.fieldErrors('user')}
            hint="Laisser vide si le serveur accepte les envois sans identification."
          />
          <Field
            label="Mot de passe SMTP"
            type="password"
            value={password}
            placeholder={saved.passwordSet ? 'enregistré — laisser vide pour le garder' : ''}
            onChange={(e) => edit(setPassword)(e.target.value)}
            autoComplete="new-password"
            errors={save.fieldErrors('password')}
          />
          <Field
            label="Adresse d’expédition"
            type="email"
            value={fromAddress}
            placeholder="enfance-jeunesse@commune.fr"
            onChange={(e) => edit(setFromAddress)(e.target.value)}
            required
            errors={save.fieldErrors('fromAddress')}
          />
          <Field
            label="Nom de l’expéditeur"
            value={fromName}
            placeholder="Service enfance-jeunesse"
            onChange={(e) => edit(setFromName)(e.target.value)}
            errors={save.fieldErrors('fromName')}
          />
        </div>
        <button type="submit" className="primary" disabled={save.busy}>
          Enregistrer
        </button>
      </form>

      <form className="card" onSubmit={(e) => void test.submit(e)} aria-labelledby="smtp-test-title">
        <h2 id="smtp-test-title">Essayer l’envoi</h2>
        <FormError error={test.error} />
        {testResult && !test.error ? (
          <div className="alert success" role="status">
            {testResult}
          </div>
        ) : null}
        <div className="mail-test">
          <Field
            label="Adresse du destinataire de test"
            type="email"
            value={testTo}
            onChange={(e) => {
              setTestResult(null);
              setTestTo(e.target.value);
            }}
            required
            errors={test.fieldErrors('to')}
          />
          <button type="submit" disabled={test.busy || !saved.configured}>
            {test.busy ? 'Envoi…' : 'Envoyer un e-mail de test'}
          </button>
        </div>
        {!saved.configured ? <p className="hint">Enregistrez d’abord les paramètres ci-dessus.</p> : null}
      </form>
    </>
  );
}
