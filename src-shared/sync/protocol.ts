import { z } from 'zod';
import { addressSchema, portalAccessSchema, portalFieldRulesSchema } from '../families/family';
import { parseOrThrow } from '../validation';

/**
 * The sync protocol between the office (source of truth for decisions and master data) and the
 * portal (source of truth for what parents asked). The portal never calls the office.
 *
 * - Office → portal, `POST /sync/push`: records from the office outbox as JSON lines
 *   (`encodePushBody`), one batch at a time, in commit order. The portal keeps a record only when
 *   its version is newer than the one it has, so a replayed batch or a late older version changes
 *   nothing. Batches must not be applied out of order all the same: an e-mail address goes to the
 *   family whose record the portal stored last, which only commit order makes the right one.
 * - Portal → office, `GET /sync/events?after=SEQ`: parent actions, each with a unique id and an
 *   increasing sequence number; the office applies each once, in the transaction that moves its
 *   cursor.
 * Both are authenticated with `Authorization: Bearer <shared secret>`.
 */

/**
 * Records per push. Each request costs a round trip and a transaction on both sides; 1,000 family
 * records (about 1 MB of JSON) keep that overhead small while staying far under the portal's 5 MB
 * body limit for this route. A portal answering 413 makes the office halve its batches.
 */
export const SYNC_BATCH_MAX = 1000;
export const SYNC_SECRET_MIN_LENGTH = 32;

const NOT_ASCII = /[\u0080-\uffff]/g;

/**
 * `JSON.stringify(value)` with every character beyond ASCII written as a JSON escape (`é` becomes
 * `\u00e9`): the same JSON value, in pure ASCII. The office stores its outbox payloads this way, so
 * a push body is ASCII, which the portal reads and parses faster than UTF-8 text with accents.
 * Outside strings JSON is ASCII already, so the escapes are always valid.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    NOT_ASCII,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const plain = z.string();
const phonesRecord = z.object({ mobile: plain.nullable(), home: plain.nullable(), work: plain.nullable() });
const pickupRecord = z.object({ name: plain, relation: plain, phone: plain });

/*
 * The records' schemas are strict (an unknown key refuses the record) and never transform a value
 * (no trimming, no defaults): a record the portal accepts is exactly the JSON it received, so the
 * portal stores that text as it came (`decodePushBody`). Values are normalised by the office, with
 * the family schemas, before they are queued.
 */
const phonesWire = z.strictObject({
  mobile: plain.nullable(),
  home: plain.nullable(),
  work: plain.nullable(),
});
const pickupWire = z.strictObject({ name: plain, relation: plain, phone: plain });
const addressWire = z.strictObject({ line1: plain, line2: plain, postalCode: plain, city: plain });

/** A family as the portal may show it: no health notes, no PAI, no staff notes, no QF. */
export const portalFamilyRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  /** The family's portal e-mail, normalised; null when it has none. */
  email: plain.nullable(),
  portalAccess: portalAccessSchema,
  /** Changes each time staff (re)send the invitation: the portal then mails a new activation link. */
  invitationId: plain.nullable(),
  adults: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      firstName: plain,
      lastName: plain,
      relation: plain,
      phones: phonesWire,
      email: plain.nullable(),
    }),
  ),
  address: addressWire,
  children: z.array(
    z.strictObject({
      id: z.number().int().positive(),
      firstName: plain,
      lastName: plain,
      birthDate: plain,
      school: plain,
      className: plain,
      authorisedPickups: z.array(pickupWire),
    }),
  ),
  /** The highest portal event sequence number the office has applied to this family. */
  lastAppliedEventSeq: z.number().int().min(0),
});
export type PortalFamilyRecord = z.infer<typeof portalFamilyRecordSchema>;

/** What the portal needs of the office's settings. */
export const portalSettingsRecordSchema = z.strictObject({
  communeName: plain,
  fieldRules: portalFieldRulesSchema.strict(),
  /** How parents reach the service, shown on the portal's pages and e-mails. */
  contactEmail: plain.nullable(),
  contactPhone: plain.nullable(),
});
export type PortalSettingsRecord = z.infer<typeof portalSettingsRecordSchema>;

const version = z.number().int().positive();

/** One record of a push; `data: null` deletes the record on the portal. */
export const syncRecordSchema = z.discriminatedUnion('entity', [
  z.strictObject({
    entity: z.literal('family'),
    id: z.string().regex(/^\d+$/),
    version,
    data: portalFamilyRecordSchema.nullable(),
  }),
  z.strictObject({
    entity: z.literal('portal_settings'),
    id: z.literal('settings'),
    version,
    data: portalSettingsRecordSchema,
  }),
]);
export type SyncRecord = z.infer<typeof syncRecordSchema>;
export type SyncEntity = SyncRecord['entity'];

export const pushRequestSchema = z.object({ records: z.array(syncRecordSchema).min(1).max(SYNC_BATCH_MAX) });

/** The media type of a push body (`encodePushBody`). */
export const SYNC_PUSH_MEDIA_TYPE = 'application/x-ndjson';

/** A record to send, its data already written as JSON (`null` deletes the record). */
export type PushLine = { entity: string; id: string; version: number; dataJson: string };

/**
 * The body of `POST /sync/push`: two lines per record, its header `{"entity","id","version"}` and
 * then its data, each line one JSON text (JSON.stringify never writes a line break). The data
 * gets a line of its own so that the portal can store the very text it validated instead of
 * serialising the record again, the dearest step of a large push after parsing.
 */
export function encodePushBody(records: readonly PushLine[]): string {
  return records
    .map(({ entity, id, version, dataJson }) => `${asciiJson({ entity, id, version })}\n${dataJson}`)
    .join('\n');
}

/** `encodePushBody` for records held as values (tests, tools); any value goes, to test refusals. */
export function encodeSyncRecords(
  records: ReadonlyArray<{ entity: string; id: string; version: number; data: unknown }>,
): string {
  return encodePushBody(records.map(({ data, ...header }) => ({ ...header, dataJson: asciiJson(data) })));
}

/** A record of a push as the portal received it: validated, with its data's JSON text as sent. */
export type ReceivedRecord = SyncRecord & { dataJson: string };

/** Why a push body cannot be read, when it is not even lines of JSON (`decodePushBody`). */
export class MalformedPushBody extends Error {}

/**
 * Reads a push body written by `encodePushBody` and validates its records with `pushRequestSchema`
 * (zod's problems keyed `records.N.…` as for any body; `parseOrThrow`'s error). A body that is not
 * pairs of JSON lines throws `MalformedPushBody`. Since the records' schemas neither strip nor
 * transform, each record's `dataJson` is exactly its validated `data`.
 */
export function decodePushBody(body: string): ReceivedRecord[] {
  const lines = body.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length % 2 !== 0) {
    throw new MalformedPushBody('a record header without its data line');
  }
  const records: Array<Record<string, unknown>> = [];
  for (let i = 0; i < lines.length; i += 2) {
    let header: unknown;
    let data: unknown;
    try {
      header = JSON.parse(lines[i]!);
      data = JSON.parse(lines[i + 1]!);
    } catch {
      throw new MalformedPushBody(`line ${i + 1} or ${i + 2} is not JSON`);
    }
    if (typeof header !== 'object' || header === null || Array.isArray(header) || 'data' in header) {
      throw new MalformedPushBody(`line ${i + 1} is not a record header`);
    }
    // The header becomes the record (cheaper than a copy; any other key is refused below).
    const record = header as Record<string, unknown>;
    record.data = data;
    records.push(record);
  }
  const valid = parseOrThrow(pushRequestSchema, { records }).records;
  return valid.map((record, index) => Object.assign(record, { dataJson: lines[2 * index + 1]! }));
}
export const pushResultSchema = z.object({
  /** Records stored (newer than what the portal had). */
  applied: z.number().int().min(0),
  /** Records ignored because the portal already had that version or a newer one. */
  ignored: z.number().int().min(0),
});

const personRequest = z.object({ firstName: plain, lastName: plain, email: plain, phone: plain });
const childRequest = z.object({ firstName: plain, lastName: plain, birthDate: plain });

/** Parent actions, as the portal records them and the office applies them. */
export const portalEventBodySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('account.requested'),
    familyId: z.null(),
    payload: z.object({
      adult: personRequest,
      children: z.array(childRequest),
      message: plain,
      privacyAcceptedAt: plain,
      /** The e-mail already belongs to a family the portal knows (the requester was told nothing). */
      emailKnown: z.boolean(),
    }),
  }),
  z.object({
    type: z.literal('account.activated'),
    familyId: z.number().int().positive(),
    payload: z.object({}),
  }),
  z.object({
    type: z.literal('profile.updated'),
    familyId: z.number().int().positive(),
    payload: z.object({
      /** The family record version the parent was looking at. */
      basedOnVersion: z.number().int().min(0),
      phones: z.array(z.object({ adultId: z.number().int().positive(), phones: phonesRecord })).optional(),
      address: addressSchema.optional(),
      authorisedPickups: z
        .array(z.object({ childId: z.number().int().positive(), people: z.array(pickupRecord) }))
        .optional(),
    }),
  }),
  z.object({
    type: z.literal('profile.change_requested'),
    familyId: z.number().int().positive(),
    payload: z.object({ message: plain }),
  }),
]);
export type PortalEventBody = z.infer<typeof portalEventBodySchema>;
export type PortalEventType = PortalEventBody['type'];

export const portalEventSchema = z.intersection(
  z.object({ seq: z.number().int().positive(), id: z.uuid(), occurredAt: plain }),
  portalEventBodySchema,
);
export type PortalEvent = z.infer<typeof portalEventSchema>;

export const eventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_BATCH_MAX).default(200),
});
export const eventsResultSchema = z.object({ events: z.array(portalEventSchema), hasMore: z.boolean() });
