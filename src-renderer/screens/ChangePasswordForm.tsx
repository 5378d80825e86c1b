import { useState } from 'react';
import type { SessionInfo } from '../../src-shared/api/contract';
import { call } from '../api';
import { confirmationMismatch, Field, FormFeedback, NewPasswordFields, useSubmit } from '../components/forms';

export function ChangePasswordForm(props: {
  session: SessionInfo;
  onDone: (s: SessionInfo) => void;
  submitLabel: string;
}) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = confirmationMismatch(newPassword, confirm);
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
      <FormFeedback error={error} notice={done ? 'Mot de passe changé.' : null} tone="success" />
      <Field
        label="Mot de passe actuel"
        type="password"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        required
        autoComplete="current-password"
        errors={fieldErrors('currentPassword')}
      />
      <NewPasswordFields
        label="Nouveau mot de passe"
        password={newPassword}
        onPasswordChange={setNew}
        errors={fieldErrors('newPassword') ?? fieldErrors('password')}
        login={login}
        name={displayName}
        confirmation={{ label: 'Confirmer le nouveau mot de passe', value: confirm, onChange: setConfirm }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
