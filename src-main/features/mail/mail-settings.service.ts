import type { Kysely, Transaction } from 'kysely';
import type { SmtpSettingsInput, SmtpSettingsView } from '../../../src-shared/api/mail.contract';
import type { OfficeContext } from '../../context';
import type { OfficeDatabase } from '../../db/schema';
import { insertAuditEntry, type AuditActor } from '../audit/audit.repository';
import { getSetting, putSetting } from '../settings/settings.repository';
import { makeQueuedDue } from './mail.repository';
import type { SmtpSettings } from './smtp';

/**
 * The SMTP server settings, in the office's settings table: the password under its own key, so the
 * rest can be read, compared and audited without it. The office database is a local file on the
 * office's machine; the password is stored as given (SMTP needs it back in clear to log in).
 */
const SETTINGS_KEY = 'mail.smtp';
const PASSWORD_KEY = 'mail.smtp_password';

type Stored = Omit<SmtpSettings, 'password'>;

export async function readSmtpSettings(
  db: Kysely<OfficeDatabase> | Transaction<OfficeDatabase>,
): Promise<SmtpSettings | null> {
  const raw = await getSetting(db, SETTINGS_KEY);
  if (!raw) return null;
  const stored = JSON.parse(raw) as Stored;
  return { ...stored, password: (await getSetting(db, PASSWORD_KEY)) ?? '' };
}

function toView(s: SmtpSettings | null): SmtpSettingsView {
  if (!s) {
    return {
      configured: false,
      host: '',
      port: 587,
      secure: false,
      user: '',
      passwordSet: false,
      fromAddress: '',
      fromName: '',
    };
  }
  return {
    configured: true,
    host: s.host,
    port: s.port,
    secure: s.secure,
    user: s.user,
    passwordSet: s.password !== '',
    fromAddress: s.fromAddress,
    fromName: s.fromName,
  };
}

export async function getSmtpSettings(ctx: OfficeContext): Promise<SmtpSettingsView> {
  return toView(await readSmtpSettings(ctx.db));
}

/**
 * Saves the settings and audits what changed (never the password). Messages waiting for a later
 * attempt become due at once: the failure they met may be what the new settings fix.
 */
export async function updateSmtpSettings(
  ctx: OfficeContext,
  actor: AuditActor,
  input: SmtpSettingsInput,
): Promise<SmtpSettingsView> {
  const before = await readSmtpSettings(ctx.db);
  const password = input.user === '' ? '' : input.password || before?.password || '';
  const next: SmtpSettings = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    user: input.user,
    password,
    fromAddress: input.fromAddress,
    fromName: input.fromName,
  };
  const { password: _old, ...beforeStored } = before ?? { password: '' };
  const { password: _new, ...stored } = next;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await putSetting(trx, SETTINGS_KEY, JSON.stringify(stored));
    await putSetting(trx, PASSWORD_KEY, password);
    await makeQueuedDue(trx, at);
    await insertAuditEntry(trx, {
      at,
      actor,
      action: 'mail.settings_updated',
      target: 'serveur d’envoi',
      details: {
        before: before ? beforeStored : null,
        after: stored,
        passwordChanged: password !== (before?.password ?? ''),
      },
    });
  });
  ctx.mail.settingsChanged();
  return toView(next);
}
