import { z } from 'zod';
import { AppError } from './result';

/**
 * Validates untrusted input against a schema at a trust boundary. Throws an `invalid_input`
 * AppError carrying the field problems (French where the schema gives French messages).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const flat = z.flattenError(parsed.error);
  const fields: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) {
    if (messages && messages.length > 0) fields[key] = messages;
  }
  if (flat.formErrors.length > 0) fields[''] = flat.formErrors;
  // Nested problems are also keyed by their dotted path ("adults.0.firstName"), so a form can show
  // each one next to its field; the top-level key above keeps them for callers that look there.
  for (const issue of parsed.error.issues) {
    if (issue.path.length < 2) continue;
    const path = issue.path.map(String).join('.');
    (fields[path] ??= []).push(issue.message);
  }
  throw new AppError('invalid_input', 'Les données envoyées ne sont pas valides.', fields);
}
