import { z } from 'zod';
import { emailSchema } from '../families/family';
import { idSchema as id, isoInstantSchema as isoInstant, empty, op } from './operation';

/** The office's outgoing e-mail: the queue and its history, the SMTP settings, a test message. */

export const mailStateSchema = z.enum(['queued', 'sent', 'failed']);
export type MailState = z.infer<typeof mailStateSchema>;

export const mailMessageSchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  state: mailStateSchema,
  attempts: z.number().int(),
  /** Why the last attempt failed (the SMTP server's answer, in French words), or null. */
  lastError: z.string().nullable(),
  createdAt: isoInstant,
  sentAt: isoInstant.nullable(),
  /** When the next attempt is due, for a queued message. */
  nextAttemptAt: isoInstant.nullable(),
  /** The message this one repeats ("Renvoyer"), and the copies made of this one. */
  resentFrom: id.nullable(),
  resentAs: z.array(id),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export const mailMessageDetailSchema = mailMessageSchema.extend({ text: z.string() });
export type MailMessageDetail = z.infer<typeof mailMessageDetailSchema>;

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Le serveur est obligatoire.')
  .max(253, 'Nom de serveur trop long.')
  .regex(/^[a-zA-Z0-9.:[\]-]+$/, 'Nom de serveur invalide (ex. smtp.commune.fr).');

/** The SMTP settings as the office shows them back: the password never, only whether one is saved. */
export const smtpSettingsSchema = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string(),
  passwordSet: z.boolean(),
  fromAddress: z.string(),
  fromName: z.string(),
});
export type SmtpSettingsView = z.infer<typeof smtpSettingsSchema>;

export const smtpSettingsInputSchema = z
  .object({
    host: hostSchema,
    port: z
      .number()
      .int('Numéro de port invalide.')
      .min(1, 'Numéro de port invalide.')
      .max(65535, 'Numéro de port invalide.'),
    /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean(),
    /** Empty: the server takes mail without authentication. */
    user: z.string().trim().max(256, 'Identifiant trop long.'),
    /** A new password; absent or empty keeps the one saved (dropped when `user` is empty). */
    password: z.string().max(256, 'Mot de passe trop long.').optional(),
    fromAddress: emailSchema,
    fromName: z.string().trim().max(120, 'Au plus 120 caractères.'),
  })
  .strict();
export type SmtpSettingsInput = z.output<typeof smtpSettingsInputSchema>;

export const mailOperations = {
  'mail.list': op(
    'staff',
    z
      .object({
        state: mailStateSchema.optional(),
        beforeId: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    z.object({
      messages: z.array(mailMessageSchema),
      hasMore: z.boolean(),
      counts: z.object({ queued: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
      /** False while no SMTP server is set: queued messages then wait. */
      smtpConfigured: z.boolean(),
    }),
  ),
  'mail.get': op('staff', z.object({ id }).strict(), mailMessageDetailSchema),
  /** Queues a copy of a sent or failed message (the original stays in the history). */
  'mail.resend': op('staff', z.object({ id }).strict(), mailMessageSchema),
  'mail.getSettings': op('admin', empty, smtpSettingsSchema),
  'mail.updateSettings': op('admin', smtpSettingsInputSchema, smtpSettingsSchema),
  /** Sends a test message at once with the saved settings and says what the server answered. */
  'mail.sendTest': op('admin', z.object({ to: emailSchema }).strict(), z.object({ to: z.string() })),
} as const;

export type MailOperationName = keyof typeof mailOperations;
