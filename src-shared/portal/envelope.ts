import { z } from 'zod';
import { errorCodes } from '../result';

/** The `error` member of a failed result, as it travels over the portal's HTTP API. */
export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
});

/**
 * Schema of the result envelope (`{ ok: true, value } | { ok: false, error }`) around a value schema,
 * for clients of the portal's HTTP API (the office's sync client, tests) to check what they receive.
 */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** A failed result whatever the value type: what every error response of the portal carries. */
export const failureSchema = z.object({ ok: z.literal(false), error: apiErrorSchema });
