import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/**
 * Labelled multi-line and choice fields in the look of `components/forms`' Field, with their
 * problems announced to screen readers. Text is always rendered as text (React escapes it).
 */

type Described = { label: string; errors?: string[] | undefined; hint?: ReactNode };

function describedBy(id: string, errors?: string[], hint?: ReactNode): string | undefined {
  return errors?.length ? `${id}-err` : hint ? `${id}-hint` : undefined;
}

function Messages({ id, errors, hint }: { id: string; errors?: string[] | undefined; hint?: ReactNode }) {
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

export function TextAreaField({
  label,
  errors,
  hint,
  ...props
}: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...props}
      />
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  hint,
  options,
  ...props
}: Described & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<[value: string, label: string]> }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...props}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <Messages id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field check">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />{' '}
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
