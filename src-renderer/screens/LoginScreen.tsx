import { useState } from 'react';
import type { SessionInfo } from '../../src-shared/api/contract';
import { call } from '../api';
import { Field, FormFeedback, useSubmit } from '../components/forms';

export function LoginScreen(props: {
  communeName: string | null;
  notice: string | null;
  onDone: (s: SessionInfo) => void;
}) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(() => call('auth.login', { login, password }), props.onDone);
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={(e) => void submit(e)}>
        <p className="eyebrow">
          Service enfance-jeunesse{props.communeName ? ` — ${props.communeName}` : ''}
        </p>
        <h1>Connexion</h1>
        {/* The notice gives way to the error: the two are never shown together. */}
        <FormFeedback error={error} notice={error ? null : props.notice} tone="info" />
        <Field
          label="Identifiant"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          required
          autoFocus
          autoComplete="username"
        />
        <Field
          label="Mot de passe"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoComplete="current-password"
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </main>
  );
}
