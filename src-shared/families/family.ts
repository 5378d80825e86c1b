import { z } from 'zod';
import { normalizeEmail } from '../domain';

/**
 * A family as the office keeps it, and the part of it the portal may show. Defined once here: the
 * office API, the sync protocol and the portal pages all derive from these schemas.
 */

const text = (max: number, required = 'Ce champ est obligatoire.') =>
  z.string().trim().min(1, required).max(max, `Au plus ${max} caractères.`);
const optionalText = (max: number) => z.string().trim().max(max, `Au plus ${max} caractères.`).default('');

/** A calendar day, `YYYY-MM-DD`. */
export const calendarDaySchema = z.iso.date('Date invalide (AAAA-MM-JJ).');

/**
 * A French phone number as staff and parents type it ("06 12 34 56 78", "+33 6 12…", "0612345678"),
 * kept in its readable national form `06 12 34 56 78`; foreign numbers (+ and 8–15 digits) are kept
 * as typed, spaces tidied.
 */
export function normalizePhone(raw: string): string {
  const compact = raw.replace(/[\s.\-()]/g, '');
  const national = /^(?:\+33|0033)([1-9]\d{8})$/.exec(compact)?.[1] ?? /^0([1-9]\d{8})$/.exec(compact)?.[1];
  if (national) return `0${national}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  if (/^\+\d{8,15}$/.test(compact)) return compact;
  throw new Error(`invalid phone number ${JSON.stringify(raw)}`);
}

/**
 * A string normalised by one of the shared rules, whose refusal (a thrown error) becomes a field
 * problem with a French message. The optional form takes empty or null as "none" in the same
 * transform rather than a union with '', whose failure would report zod's generic "Invalid input".
 */
function normalisedBy(normalize: (value: string) => string, message: string) {
  const run = (value: string, ctx: z.RefinementCtx) => {
    try {
      return normalize(value);
    } catch {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
  };
  return {
    required: z.string().trim().transform(run),
    optional: z
      .string()
      .trim()
      .nullable()
      .default(null)
      .transform((value, ctx) => (value === null || value === '' ? null : run(value, ctx))),
  };
}

const phone = normalisedBy(normalizePhone, 'Numéro de téléphone invalide (ex. 06 12 34 56 78).');
const email = normalisedBy(normalizeEmail, 'Adresse e-mail invalide.');

export const phoneSchema = phone.required;
/** An optional phone: empty or null is none. */
export const optionalPhoneSchema = phone.optional;
/** An e-mail address, normalised (trimmed, lower-cased) by the shared rule. */
export const emailSchema = email.required;
/** An optional e-mail address: empty or null is none. */
export const optionalEmailSchema = email.optional;

export const phonesSchema = z.object({
  mobile: optionalPhoneSchema,
  home: optionalPhoneSchema,
  work: optionalPhoneSchema,
});
export type Phones = z.infer<typeof phonesSchema>;

export const addressSchema = z.object({
  line1: optionalText(120),
  line2: optionalText(120),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Code postal à 5 chiffres.')
    .default(''),
  city: optionalText(80),
});
export type Address = z.infer<typeof addressSchema>;

export const pickupPersonSchema = z.object({
  name: text(120),
  relation: optionalText(60),
  phone: phoneSchema,
});
export type PickupPerson = z.infer<typeof pickupPersonSchema>;

export const adultSchema = z.object({
  /** Absent for an adult being added. */
  id: z.number().int().positive().optional(),
  firstName: text(80),
  lastName: text(80),
  /** "mère", "père", "tuteur", … free text with suggestions in the UI. */
  relation: optionalText(40),
  phones: phonesSchema,
  /** Optional; the family's portal e-mail is `Family.email`, not this. */
  email: optionalEmailSchema,
});
export type Adult = z.infer<typeof adultSchema>;

export const childSchema = z.object({
  id: z.number().int().positive().optional(),
  firstName: text(80),
  lastName: text(80),
  birthDate: calendarDaySchema,
  school: optionalText(120),
  className: optionalText(40),
  /** Staff-only (never sent to the portal): allergies, diet, … */
  healthNotes: optionalText(2000),
  /** Staff-only: a projet d'accueil individualisé is in place. */
  pai: z.boolean().default(false),
  authorisedPickups: z.array(pickupPersonSchema).max(10).default([]),
});
export type Child = z.infer<typeof childSchema>;

export const qfSourceSchema = z.enum(['CAF', 'MSA', 'avis_imposition', 'declaration']);
export const quotientFamilialSchema = z.object({
  value: z.number().int().min(0).max(100_000).nullable().default(null),
  validUntil: calendarDaySchema.nullable().default(null),
  source: qfSourceSchema.nullable().default(null),
});
export type QuotientFamilial = z.infer<typeof quotientFamilialSchema>;

export const portalAccessSchema = z.enum(['none', 'invited', 'active', 'disabled']);
export type PortalAccess = z.infer<typeof portalAccessSchema>;

/** What staff edit in a family file (office API input). */
export const familyInputSchema = z.object({
  /** The family's portal e-mail: unique across families; null when the family has no portal access. */
  email: optionalEmailSchema,
  adults: z.array(adultSchema).min(1, 'Au moins un responsable.').max(2, 'Deux responsables au plus.'),
  address: addressSchema,
  quotientFamilial: quotientFamilialSchema,
  children: z.array(childSchema).max(12),
  notes: optionalText(5000),
});
export type FamilyInput = z.infer<typeof familyInputSchema>;

/** A family file as the office API returns it. */
export type Family = Omit<FamilyInput, 'adults' | 'children'> & {
  id: number;
  version: number;
  adults: Array<Adult & { id: number }>;
  children: Array<Child & { id: number }>;
  portalAccess: PortalAccess;
  createdAt: string;
  updatedAt: string;
};

/** Per-field rules for what parents see and may edit on the portal ("Ma famille"). */
export const fieldRuleSchema = z.enum(['hidden', 'readonly', 'editable']);
export type FieldRule = z.infer<typeof fieldRuleSchema>;
export const portalFieldRulesSchema = z.object({
  phones: fieldRuleSchema,
  address: fieldRuleSchema,
  authorisedPickups: fieldRuleSchema,
  /** School and class of each child. */
  schooling: z.enum(['hidden', 'readonly']),
});
export type PortalFieldRules = z.infer<typeof portalFieldRulesSchema>;
export const DEFAULT_PORTAL_FIELD_RULES: PortalFieldRules = {
  phones: 'editable',
  address: 'editable',
  authorisedPickups: 'editable',
  schooling: 'readonly',
};
