import { useState } from 'react';
import type { SessionInfo } from '../../src-shared/api/contract';
import { call } from '../api';
import { Field, FormError, PasswordHint, useSubmit } from '../components/forms';

export function ChangePasswordForm(props: {
  session: SessionInfo;
  onDone: (s: SessionInfo) => void;
  submitLabel: string;
}) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== newPassword;
  const { busy, error, submit, fieldErrors } = useSubmit(
    () => call('auth.changePassword', { currentPassword, newPassword }),
    (s) => {
      setCurrent('');
      setNew('');
      setConfirm('');
      setDone(true);
      props.onDone(s);
    },
  );
  const { login, displayName } = props.session.staff;
  return (
    <form onSubmit={(e) => (mismatch ? e.preventDefault() : void submit(e))}>
      <FormError error={error} />
      {done ? (
        <div className="alert success" role="status">
          Mot de passe changé.
        </div>
      ) : null}
      <Field
        label="Mot de passe actuel"
        type="password"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        required
        autoComplete="current-password"
        errors={fieldErrors('currentPassword')}
      />
      <Field
        label="Nouveau mot de passe"
        type="password"
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        required
        autoComplete="new-password"
        errors={fieldErrors('newPassword') ?? fieldErrors('password')}
        hint={<PasswordHint password={newPassword} login={login} name={displayName} />}
      />
      <Field
        label="Confirmer le nouveau mot de passe"
        type="password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        required
        autoComplete="new-password"
        errors={mismatch ? ['Les deux mots de passe ne sont pas identiques.'] : undefined}
      />
      <button type="submit" className="primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
