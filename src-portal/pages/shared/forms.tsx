/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/**
 * Building blocks of the portal's forms, so every form looks and behaves the same: a visible label
 * tied to its input, the error next to the field (announced with `aria-describedby` and
 * `aria-invalid`), a summary of the errors at the top that links to each field, and flash messages.
 * Values are given back as typed (hono/jsx escapes them).
 */

/** Field errors of a submitted form, keyed by the field's `name`. */
export type FormErrors = Record<string, string>;

export type FlashMessage = { kind: 'success' | 'error' | 'info'; text: string };

/** The `id` of the input named `name` (names such as `children.0.firstName` are fine). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

type InputType = 'text' | 'email' | 'tel' | 'date' | 'password' | 'number';

export type FieldProps = {
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  type?: InputType;
  /** Shown under the label, e.g. the expected format. */
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'text' | 'email' | 'tel' | 'numeric';
  maxlength?: number;
  /** Extra attributes of the input (`data-*`, `min`, `max`, …). */
  attributes?: Record<string, string | number | boolean>;
};

/** A labelled input with its hint and error. */
export function Field(props: FieldProps) {
  const id = fieldId(props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span class="field__required"> (obligatoire)</span>}
      </label>
      {props.hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
        {...props.attributes}
      />
    </div>
  );
}

export type TextAreaFieldProps = Omit<FieldProps, 'type' | 'autocomplete' | 'inputmode'> & { rows?: number };

/** A labelled multi-line text with its hint and error. */
export function TextAreaField(props: TextAreaFieldProps) {
  const id = fieldId(props.name);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span class="field__required"> (obligatoire)</span>}
      </label>
      {props.hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        maxlength={props.maxlength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export type CheckboxFieldProps = {
  name: string;
  /** The label, which may hold a link (e.g. to the privacy notice). */
  children: Child;
  checked?: boolean;
  error?: string | undefined;
  required?: boolean;
  value?: string;
};

/** A checkbox with its label on the right and its error above. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = fieldId(props.name);
  return (
    <div class={props.error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
      {props.error && (
        <p class="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type="checkbox"
        value={props.value ?? 'yes'}
        checked={props.checked}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      />
      <label for={id}>{props.children}</label>
    </div>
  );
}

/**
 * The list of a form's errors, first in the page, each a link to its field (the usual accessible
 * pattern: a screen-reader user hears how many problems and jumps to each). `labels` gives the
 * human name of each field; errors are listed in the order of `labels`.
 */
export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels: Record<string, string> }) {
  const names = Object.keys(errors);
  if (names.length === 0) return null;
  const ordered = [...names].sort(
    (a, b) => orderOf(Object.keys(labels), a) - orderOf(Object.keys(labels), b),
  );
  return (
    // Focused on load (autofocus works without JavaScript): a keyboard or screen-reader user starts here.
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">
        {names.length === 1 ? 'Un champ est à corriger' : `${names.length} champs sont à corriger`}
      </h2>
      <ul>
        {ordered.map((name) => (
          <li>
            <a href={`#${fieldId(name)}`}>
              {labels[name] ? `${labels[name]} : ` : ''}
              {errors[name]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function orderOf(order: string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}

/** Flash messages, announced to screen readers (status for information, alert for errors). */
export function FlashMessages({ messages }: { messages: FlashMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <div class="flash-list">
      {messages.map((message) => (
        <p class={`flash flash--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ))}
    </div>
  );
}

/**
 * A field no person fills in: hidden by CSS, skipped by screen readers (`aria-hidden`) and the
 * keyboard (`tabindex=-1`), not auto-filled. Robots that fill every input give themselves away.
 */
export function Honeypot({ name }: { name: string }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for={fieldId(name)}>Ne pas remplir ce champ</label>
      <input id={fieldId(name)} name={name} type="text" value="" tabindex={-1} autocomplete="off" />
    </div>
  );
}
