import { useState } from 'react';
import type { SessionInfo } from '../../src-shared/api/contract';
import { call } from '../api';
import { confirmationMismatch, Field, FormError, NewPasswordFields, useSubmit } from '../components/forms';

/** First start on an empty database: the commune and its first administrator. */
export function SetupScreen({ onDone }: { onDone: (session: SessionInfo) => void }) {
  const [communeName, setCommuneName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirmationMismatch(password, confirm);
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('setup.create', { communeName, displayName, login, password }),
    onDone,
  );
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={(e) => (mismatch ? e.preventDefault() : void submit(e))}>
        <h1>Première mise en service</h1>
        <p className="lead">
          Bienvenue dans Portail Famille ALP. Indiquez votre commune et créez le premier compte administrateur
          ; vous pourrez ensuite créer les comptes des agents.
        </p>
        <FormError error={error} />
        <Field
          label="Nom de la commune"
          value={communeName}
          onChange={(e) => setCommuneName(e.target.value)}
          required
          autoFocus
          errors={fieldErrors('communeName')}
        />
        <Field
          label="Votre nom (administrateur)"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
          autoComplete="name"
          errors={fieldErrors('displayName')}
        />
        <Field
          label="Identifiant de connexion"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          required
          autoComplete="username"
          errors={fieldErrors('login')}
        />
        <NewPasswordFields
          label="Mot de passe"
          password={password}
          onPasswordChange={setPassword}
          errors={fieldErrors('password')}
          login={login}
          name={displayName}
          confirmation={{ label: 'Confirmer le mot de passe', value: confirm, onChange: setConfirm }}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Création…' : 'Créer le compte et commencer'}
        </button>
      </form>
    </main>
  );
}
