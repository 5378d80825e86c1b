import { z } from 'zod';
import { empty, idSchema as id, isoInstantSchema as isoInstant, op } from './operation';

/** Staff accounts, sign-in, the audit log, the office settings and "À propos". */

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

export const staffOperations = {
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

export type StaffOperationName = keyof typeof staffOperations;
