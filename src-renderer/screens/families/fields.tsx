import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldMessages } from '../../components/forms';

/**
 * Labelled multi-line and choice fields in the look of `components/forms`' Field, with their
 * problems announced to screen readers. Text is always rendered as text (React escapes it).
 */

type Described = { label: string; errors?: string[] | undefined; hint?: ReactNode };

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
      <FieldMessages id={id} errors={errors} hint={hint} />
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
      <FieldMessages id={id} errors={errors} hint={hint} />
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
