import { z } from 'zod';
import {
  familyInputSchema,
  optionalEmailSchema,
  optionalPhoneSchema,
  portalAccessSchema,
  portalFieldRulesSchema,
  qfSourceSchema,
} from '../families/family';
import { portalAccessActionSchema } from '../families/portal-access';
import { auditEntrySchema } from './staff.contract';
import { empty, idSchema as id, isoInstantSchema as isoInstant, op } from './operation';

/** Family files, their portal access and history, and the portal's field rules. */

const phones = z.object({
  mobile: z.string().nullable(),
  home: z.string().nullable(),
  work: z.string().nullable(),
});
const pickup = z.object({ name: z.string(), relation: z.string(), phone: z.string() });

export const changeRequestSchema = z.object({
  id,
  familyId: id,
  receivedAt: isoInstant,
  message: z.string(),
  handledAt: isoInstant.nullable(),
  handledByName: z.string().nullable(),
});
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

/** A family file as the office shows it (staff-only fields included). */
export const familyFileSchema = z.object({
  id,
  version: z.number().int(),
  displayName: z.string(),
  email: z.string().nullable(),
  adults: z.array(
    z.object({
      id,
      firstName: z.string(),
      lastName: z.string(),
      relation: z.string(),
      phones,
      email: z.string().nullable(),
    }),
  ),
  address: z.object({ line1: z.string(), line2: z.string(), postalCode: z.string(), city: z.string() }),
  quotientFamilial: z.object({
    value: z.number().int().nullable(),
    validUntil: z.string().nullable(),
    source: qfSourceSchema.nullable(),
  }),
  children: z.array(
    z.object({
      id,
      firstName: z.string(),
      lastName: z.string(),
      birthDate: z.string(),
      school: z.string(),
      className: z.string(),
      healthNotes: z.string(),
      pai: z.boolean(),
      authorisedPickups: z.array(pickup),
    }),
  ),
  notes: z.string(),
  portalAccess: portalAccessSchema,
  portalAccessChangedAt: isoInstant.nullable(),
  archived: z.boolean(),
  lastAppliedEventSeq: z.number().int(),
  changeRequests: z.array(changeRequestSchema),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
export type FamilyFile = z.infer<typeof familyFileSchema>;

/** One line of a search result or a suggestion list. */
export const familySummarySchema = z.object({
  id,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  adults: z.array(z.object({ firstName: z.string(), lastName: z.string() })),
  children: z.array(z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string() })),
  portalAccess: portalAccessSchema,
  archived: z.boolean(),
});
export type FamilySummary = z.infer<typeof familySummarySchema>;

/** The portal's settings as staff edit them (the commune's name comes from the commune). */
export const portalSettingsInputSchema = z.object({
  fieldRules: portalFieldRulesSchema,
  contactEmail: optionalEmailSchema,
  contactPhone: optionalPhoneSchema,
});
export const portalSettingsSchema = z.object({
  fieldRules: portalFieldRulesSchema,
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** Version of the settings record last queued for the portal; 0 before the first push. */
  version: z.number().int(),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const FAMILY_SEARCH_LIMIT = 50;

export const familiesOperations = {
  /** Accent- and case-insensitive, prefix search on names, e-mails and phone digits. */
  'families.search': op(
    'staff',
    z
      .object({
        query: z.string().max(200, 'Recherche trop longue.').default(''),
        limit: z.number().int().min(1).max(100).default(FAMILY_SEARCH_LIMIT),
        includeArchived: z.boolean().default(false),
      })
      .strict(),
    z.object({ families: z.array(familySummarySchema), hasMore: z.boolean() }),
  ),
  'families.get': op('staff', z.object({ id }).strict(), familyFileSchema),
  'families.create': op('staff', familyInputSchema.strict(), familyFileSchema),
  /** `expectedVersion` is the version the agent edited: a newer one (another agent, the portal) is a conflict. */
  'families.update': op(
    'staff',
    z.object({ id, expectedVersion: z.number().int().min(1), family: familyInputSchema.strict() }).strict(),
    familyFileSchema,
  ),
  'families.setPortalAccess': op(
    'staff',
    z.object({ id, action: portalAccessActionSchema }).strict(),
    familyFileSchema,
  ),
  'families.setArchived': op('staff', z.object({ id, archived: z.boolean() }).strict(), familyFileSchema),
  /** Who changed what and when, from the office (agent's name) or from the portal. */
  'families.history': op(
    'staff',
    z.object({ id, beforeId: id.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() }),
  ),
  /** The family that already uses this e-mail (checked as staff type it), or null. */
  'families.findByEmail': op(
    'staff',
    z.object({ email: z.string().max(320), exceptId: id.optional() }).strict(),
    z.object({ id, displayName: z.string() }).nullable(),
  ),
  'families.setChangeRequestHandled': op(
    'staff',
    z.object({ id, handled: z.boolean() }).strict(),
    changeRequestSchema,
  ),
  'portal.getSettings': op('staff', empty, portalSettingsSchema),
  'portal.updateSettings': op('admin', portalSettingsInputSchema.strict(), portalSettingsSchema),
} as const;

export type FamiliesOperationName = keyof typeof familiesOperations;
