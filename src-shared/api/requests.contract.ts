import { z } from 'zod';
import { familyInputSchema } from '../families/family';
import { changeRequestSchema, familyFileSchema, familySummarySchema } from './families.contract';
import { empty, idSchema as id, isoInstantSchema as isoInstant, op } from './operation';

/** The inbox of account requests parents send from the portal ("Demandes de compte"). */

export const accountRequestStatusSchema = z.enum(['pending', 'created', 'linked', 'rejected']);
export type AccountRequestStatus = z.infer<typeof accountRequestStatusSchema>;

const familyRef = z.object({ id, displayName: z.string() });

export const accountRequestSchema = z.object({
  id,
  receivedAt: isoInstant,
  adult: z.object({ firstName: z.string(), lastName: z.string(), email: z.string(), phone: z.string() }),
  children: z.array(z.object({ firstName: z.string(), lastName: z.string(), birthDate: z.string() })),
  message: z.string(),
  /** The portal saw the e-mail already in use (the requester was told nothing). */
  emailKnownOnPortal: z.boolean(),
  /** The office's own check, now: the family whose e-mail this is. */
  knownFamily: familyRef.nullable(),
  status: accountRequestStatusSchema,
  /** The family created from the request or linked to it. */
  family: familyRef.nullable(),
  rejectionReason: z.string().nullable(),
  handledAt: isoInstant.nullable(),
  handledByName: z.string().nullable(),
});
export type AccountRequest = z.infer<typeof accountRequestSchema>;

export const matchReasonSchema = z.enum(['email', 'phone', 'adult', 'child']);
export const suggestionSchema = familySummarySchema.extend({ reasons: z.array(matchReasonSchema) });
export type FamilySuggestion = z.infer<typeof suggestionSchema>;

const handled = z.object({ request: accountRequestSchema, family: familyFileSchema });

export const requestsOperations = {
  'requests.list': op(
    'staff',
    z
      .object({
        handled: z.boolean().default(false),
        /** The id of the last request shown: the next page starts after it. */
        cursor: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({ requests: z.array(accountRequestSchema), hasMore: z.boolean() }),
  ),
  /** The request and the existing families that look like it, with the reasons. */
  'requests.get': op(
    'staff',
    z.object({ id }).strict(),
    z.object({ request: accountRequestSchema, suggestions: z.array(suggestionSchema) }),
  ),
  /** Creates the family (as the agent edited it from the request) and closes the request. */
  'requests.createFamily': op(
    'staff',
    z.object({ id, family: familyInputSchema.strict() }).strict(),
    handled,
  ),
  /** Links the request to an existing family; optionally makes the request's e-mail the family's. */
  'requests.link': op(
    'staff',
    z.object({ id, familyId: id, copyEmail: z.boolean().default(false) }).strict(),
    handled,
  ),
  /** Rejects the request; the reason is mailed to the requester. */
  'requests.reject': op(
    'staff',
    z
      .object({
        id,
        reason: z
          .string()
          .trim()
          .min(1, 'Indiquez la raison : elle est envoyée au demandeur.')
          .max(2000, 'Au plus 2000 caractères.'),
      })
      .strict(),
    accountRequestSchema,
  ),
  /** Pending change requests of every family (what parents asked the office to change), oldest first. */
  'requests.listChanges': op('staff', empty, z.array(changeRequestSchema.extend({ familyName: z.string() }))),
  /** The navigation badge: pending account requests and pending change requests. */
  'requests.counts': op(
    'staff',
    empty,
    z.object({ accountRequests: z.number().int(), changeRequests: z.number().int() }),
  ),
} as const;

export type RequestsOperationName = keyof typeof requestsOperations;
