import { z } from 'zod';

/**
 * The office API: one table of named operations, each with its input schema, output schema and the
 * access it requires. The Electron preload, browser mode and the handlers in src-main all derive
 * from this table; nothing else defines an operation.
 */

const login = z
  .string()
  .trim()
  .min(2, 'L’identifiant doit faire au moins 2 caractères.')
  .max(64, 'L’identifiant doit faire au plus 64 caractères.')
  .regex(
    /^[a-zA-Z0-9._-]+$/,
    'L’identifiant ne peut contenir que des lettres sans accent, chiffres, points, tirets.',
  );
const personName = z.string().trim().min(1, 'Le nom est obligatoire.').max(120, 'Le nom est trop long.');
const password = z
  .string()
  .min(1, 'Le mot de passe est obligatoire.')
  .max(256, 'Le mot de passe est trop long.');
const id = z.number().int().positive();
const isoInstant = z.string();

export const roleSchema = z.enum(['admin', 'agent']);
export type Role = z.infer<typeof roleSchema>;

export const staffMemberSchema = z.object({
  id,
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: isoInstant.nullable(),
  lastLoginAt: isoInstant.nullable(),
  createdAt: isoInstant,
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const sessionSchema = z.object({
  staff: staffMemberSchema,
  communeName: z.string(),
  expiresAfterMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const auditEntrySchema = z.object({
  id,
  at: isoInstant,
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const officeSettingsSchema = z.object({
  communeName: personName,
  sessionTimeoutMinutes: z
    .number()
    .int()
    .min(1, 'Au moins 1 minute.')
    .max(480, 'Au plus 480 minutes (8 heures).'),
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

const empty = z.object({}).strict();

/** Who may call an operation: anyone (set-up, login), any signed-in staff member, or admins only. */
export type Access = 'public' | 'staff' | 'admin';

type Operation<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O; access: Access };
function op<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O): Operation<I, O> {
  return { input, output, access };
}

export const operations = {
  'setup.status': op(
    'public',
    empty,
    z.object({ needsSetup: z.boolean(), communeName: z.string().nullable() }),
  ),
  'setup.create': op(
    'public',
    z.object({ communeName: personName, displayName: personName, login, password }).strict(),
    sessionSchema,
  ),
  'auth.login': op(
    'public',
    z.object({ login: z.string().trim().max(64), password }).strict(),
    sessionSchema,
  ),
  'auth.logout': op('public', empty, z.object({})),
  /** The current session, or null; does not count as activity. */
  'auth.session': op('public', empty, sessionSchema.nullable()),
  'auth.changePassword': op(
    'staff',
    z.object({ currentPassword: password, newPassword: password }).strict(),
    sessionSchema,
  ),
  'staff.list': op('admin', empty, z.array(staffMemberSchema)),
  'staff.create': op(
    'admin',
    z.object({ login, displayName: personName, role: roleSchema, password }).strict(),
    staffMemberSchema,
  ),
  'staff.resetPassword': op('admin', z.object({ id, password }).strict(), staffMemberSchema),
  'staff.setActive': op('admin', z.object({ id, active: z.boolean() }).strict(), staffMemberSchema),
  'audit.list': op(
    'admin',
    z
      .object({
        beforeId: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        actorId: id.optional(),
        action: z.string().max(64).optional(),
      })
      .strict(),
    z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() }),
  ),
  'settings.get': op('staff', empty, officeSettingsSchema),
  'settings.update': op('admin', officeSettingsSchema.strict(), officeSettingsSchema),
  'about.info': op(
    'staff',
    empty,
    z.object({
      appVersion: z.string(),
      mode: z.enum(['electron', 'browser']),
      versions: z.record(z.string(), z.string()),
      dataDir: z.string(),
      databaseFile: z.string(),
      schemaVersion: z.string(),
    }),
  ),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type Input<N extends OperationName> = z.input<Operations[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type Output<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

/** Events main pushes to the UI (`on(name, callback)`). */
export const eventNames = ['session.ended'] as const;
export type EventName = (typeof eventNames)[number];
export type EventPayloads = {
  'session.ended': { reason: 'inactivity' | 'logout' | 'deactivated' };
};
