import type { Context } from 'hono';
import { AppError } from '../../src-shared/result';
import type { FormErrors } from '../pages/shared/forms';

/**
 * Small helpers shared by the parent route modules: reading a posted form, the errors of a refused
 * one, and ids from the URL.
 */

/** The string fields of a posted form (`application/x-www-form-urlencoded` or multipart); files dropped. */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/**
 * The problems of each field of an `invalid_input` AppError, keyed by field name, as one text. A
 * problem inside a list (`people.1.phone`) is also reported under the list (`people`) by the shared
 * validation: it is shown once, next to its own field.
 */
export function formErrors(error: AppError): FormErrors {
  const fields = error.fields ?? {};
  const names = Object.keys(fields);
  const errors: FormErrors = {};
  for (const [name, messages] of Object.entries(fields)) {
    if (messages.length === 0 || names.some((other) => other.startsWith(`${name}.`))) continue;
    errors[name === '' ? 'form' : name] = [...new Set(messages)].join(' ');
  }
  return errors;
}

export function isInvalidInput(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'invalid_input';
}

/** A positive integer id from the URL, or null for anything else (which then is a 404). */
export function idParam(value: string | undefined): number | null {
  if (value === undefined || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : null;
}
