import { z } from 'zod';

/** The building blocks of the office API's operation tables (one table per feature). */

/** Who may call an operation: anyone (set-up, login), any signed-in staff member, or admins only. */
export type Access = 'public' | 'staff' | 'admin';

export type Operation<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O; access: Access };

export function op<I extends z.ZodType, O extends z.ZodType>(
  access: Access,
  input: I,
  output: O,
): Operation<I, O> {
  return { input, output, access };
}

/** The input of an operation that takes none. */
export const empty = z.object({}).strict();
export const idSchema = z.number().int().positive();
export const isoInstantSchema = z.string();
