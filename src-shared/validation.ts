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
  throw new AppError('invalid_input', 'Les données envoyées ne sont pas valides.', fields);
}
