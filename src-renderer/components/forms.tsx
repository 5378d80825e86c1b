import { useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { passwordProblems, passwordScore } from '../../src-shared/staff/password-policy';
import { ApiCallError } from '../api';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
};

/** The id a field's `aria-describedby` points at: its problems, else its hint. */
export function describedBy(id: string, errors?: string[], hint?: ReactNode): string | undefined {
  return errors?.length ? `${id}-err` : hint ? `${id}-hint` : undefined;
}

/** A field's hint, or its problems in place of the hint, with the ids `describedBy` names. */
export function FieldMessages({
  id,
  errors,
  hint,
}: {
  id: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
}) {
  return (
    <>
      {hint && !errors?.length ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {errors?.length ? (
        <div className="field-error" id={`${id}-err`}>
          {errors.join(' ')}
        </div>
      ) : null}
    </>
  );
}

/** A labelled input with its problems announced to screen readers. */
export function Field({ label, errors, hint, ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...input}
      />
      <FieldMessages id={id} errors={errors} hint={hint} />
    </div>
  );
}

const STRENGTH = ['Très faible', 'Faible', 'Moyen', 'Bon', 'Excellent'];

/** Live strength and the rules still unmet, so nobody learns them from a refusal. */
export function PasswordHint({ password, login, name }: { password: string; login?: string; name?: string }) {
  if (!password)
    return <>Au moins 10 caractères, avec trois types parmi minuscules, majuscules, chiffres, symboles.</>;
  const score = passwordScore(password);
  const problems = passwordProblems(password, { login: login ?? '', name: name ?? '' });
  return (
    <span className="strength">
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={score}
        aria-label="Solidité du mot de passe"
      />{' '}
      {STRENGTH[score]}
      {problems.length > 0 ? ` — ${problems.join(' ')}` : ''}
    </span>
  );
}

export function FormError({ error }: { error: ApiCallError | null }) {
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      {error.message}
    </div>
  );
}

/** A form's API error, then its notice (what just succeeded, or what to know) as a status line. */
export function FormFeedback({
  error,
  notice,
  tone,
}: {
  error: ApiCallError | null;
  notice: ReactNode;
  tone: 'info' | 'success';
}) {
  return (
    <>
      <FormError error={error} />
      {notice ? (
        <div className={`alert ${tone}`} role="status">
          {notice}
        </div>
      ) : null}
    </>
  );
}

/** A confirmation that differs from the password; an empty one is left to `required`. */
export function confirmationMismatch(password: string, confirmation: string): boolean {
  return confirmation.length > 0 && confirmation !== password;
}

type NewPasswordFieldsProps = {
  label: string;
  password: string;
  onPasswordChange: (password: string) => void;
  /** The API's problems with the password. */
  errors?: string[] | undefined;
  /** Who the password is for: the strength hint refuses passwords built from them. */
  login: string;
  name: string;
  autoFocus?: boolean;
  /**
   * A second field that must repeat the password, where people choose their own; a provisional
   * password set by an admin has none. The form must still refuse to submit on a
   * `confirmationMismatch`.
   */
  confirmation?: { label: string; value: string; onChange: (confirmation: string) => void };
};

/** A new password with its live strength hint and, if asked for, its confirmation. */
export function NewPasswordFields({
  label,
  password,
  onPasswordChange,
  errors,
  login,
  name,
  autoFocus,
  confirmation,
}: NewPasswordFieldsProps) {
  return (
    <>
      <Field
        label={label}
        type="password"
        value={password}
        onChange={(e) => onPasswordChange(e.target.value)}
        required
        autoFocus={autoFocus}
        autoComplete="new-password"
        errors={errors}
        hint={<PasswordHint password={password} login={login} name={name} />}
      />
      {confirmation ? (
        <Field
          label={confirmation.label}
          type="password"
          value={confirmation.value}
          onChange={(e) => confirmation.onChange(e.target.value)}
          required
          autoComplete="new-password"
          errors={
            confirmationMismatch(password, confirmation.value)
              ? ['Les deux mots de passe ne sont pas identiques.']
              : undefined
          }
        />
      ) : null}
    </>
  );
}

/**
 * Submission state for a form: runs the action, keeps the API error (and its field problems), and
 * refuses a second submission while the first runs.
 */
export function useSubmit<T>(action: () => Promise<T>, onDone?: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const value = await action();
      onDone?.(value);
    } catch (e) {
      setError(e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = (name: string) => error?.error.fields?.[name];
  return { busy, error, submit, fieldErrors, setError };
}
