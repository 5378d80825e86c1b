import nodemailer, { type Transporter } from 'nodemailer';
import { isPermanentMailFailure } from '../../../src-shared/mail/retry';

/** The SMTP server the office sends through, as saved by an administrator. */
export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  fromAddress: string;
  fromName: string;
};

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

export function createSmtpTransport(s: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    ...(s.user ? { auth: { user: s.user, pass: s.password } } : {}),
    // An unreachable server must not hold the worker for minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

export async function sendWith(transport: Transporter, s: SmtpSettings, mail: OutgoingMail): Promise<void> {
  await transport.sendMail({
    from: { name: s.fromName, address: s.fromAddress },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}

type SmtpFailure = Error & {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
};

function clip(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Whether trying again cannot help: the server refused this recipient or this message for good
 * (SMTP 5xx to RCPT TO or DATA). A refusal of the login or of the sender is a matter of settings,
 * which an administrator fixes; those messages stay queued and leave once the settings are right.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const e = error as SmtpFailure;
  const aboutThisMessage = e.command === 'RCPT TO' || e.command === 'DATA';
  return aboutThisMessage && isPermanentMailFailure(e.responseCode);
}

/** What went wrong, in French for the mail screen, with the server's own answer when there is one. */
export function describeSmtpFailure(error: unknown, s: Pick<SmtpSettings, 'host' | 'port'>): string {
  const e = (error ?? {}) as SmtpFailure;
  const server = `${s.host}:${s.port}`;
  const answer = e.response ? ` (réponse du serveur : ${clip(e.response)})` : '';
  const system = e.originalCode;
  switch (e.command === 'RCPT TO' ? 'RCPT' : e.code) {
    case 'RCPT':
      return `Destinataire refusé par le serveur d’envoi${answer}.`;
    case 'EAUTH':
    case 'ENOAUTH':
      return `Identifiant ou mot de passe SMTP refusé par ${server}${answer}.`;
    case 'EDNS':
      return `Serveur d’envoi introuvable : ${s.host}.`;
    case 'ETLS':
      return `Échec de la connexion chiffrée (TLS) avec ${server} : ${clip(e.message, 120)}.`;
    case 'ETIMEDOUT':
      return `Le serveur d’envoi ${server} ne répond pas (délai dépassé).`;
    case 'ECONNECTION':
    case 'ESOCKET':
      if (system === 'ECONNREFUSED') return `Le serveur d’envoi ${server} ne répond pas (connexion refusée).`;
      if (system === 'ENOTFOUND' || system === 'EAI_AGAIN') return `Serveur d’envoi introuvable : ${s.host}.`;
      if (/certificate|self.signed|CERT_/i.test(`${e.message} ${system ?? ''}`)) {
        return `Certificat du serveur d’envoi ${server} refusé : ${clip(e.message, 120)}.`;
      }
      if (/SSL|TLS/.test(system ?? '')) {
        return `Échec de la connexion chiffrée avec ${server} (${system}) : vérifiez le port et l’option TLS.`;
      }
      return `Connexion au serveur d’envoi ${server} impossible ou interrompue (${clip(
        system ?? e.message,
        120,
      )}).`;
    case 'EENVELOPE':
      return e.command === 'MAIL FROM'
        ? `Adresse d’expéditeur refusée par le serveur d’envoi${answer}.`
        : `Envoi refusé par le serveur${answer}.`;
    case 'EMESSAGE':
      return `Message refusé par le serveur d’envoi${answer}.`;
    default:
      return `Échec de l’envoi : ${clip(e.message || String(error), 160)}.`;
  }
}
