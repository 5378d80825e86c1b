/**
 * The French e-mails of the service, written once for the office and the portal. Each template
 * returns the subject and both a plain-text and an HTML body; every value is escaped in the HTML.
 */
export type MailContent = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

type Paragraph = string | { link: string; label: string };

function compose(subject: string, communeName: string, paragraphs: Paragraph[]): MailContent {
  const signature = `Le service enfance-jeunesse — ${communeName}`;
  const text = [
    'Bonjour,',
    ...paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label} :\n${p.link}`)),
    signature,
  ].join('\n\n');
  const html = [
    '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;color:#1d2733;line-height:1.5">',
    '<p>Bonjour,</p>',
    ...paragraphs.map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`
        : `<p><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:10px 16px;background:#1f5fa8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(p.label)}</a></p>` +
          `<p style="font-size:12px;color:#5b6775">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br>${escapeHtml(p.link)}</p>`,
    ),
    `<p>${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `${subject} — ${communeName}`, text, html };
}

/** Paris date and time, e.g. "4 décembre 2026 à 18:30". */
function parisDateTime(iso: string): string {
  const d = new Date(iso);
  const date = d.toLocaleDateString('fr-FR', {
    timeZone: 'Europe/Paris',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = d.toLocaleTimeString('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${date} à ${time}`;
}

export function invitationEmail(args: { communeName: string; link: string; expiresAt: string }): MailContent {
  return compose('Votre accès au portail famille', args.communeName, [
    'Le service enfance-jeunesse a créé l’accès de votre famille au portail famille : vous pourrez y consulter les informations de votre famille et les tenir à jour.',
    { link: args.link, label: 'Activer mon accès et choisir mon mot de passe' },
    `Ce lien personnel ne sert qu’une fois et reste valable jusqu’au ${parisDateTime(args.expiresAt)}. Passé ce délai, demandez un nouveau lien au service.`,
    'Nous ne vous demanderons jamais votre mot de passe par e-mail ou par téléphone.',
  ]);
}

export function passwordResetEmail(args: {
  communeName: string;
  link: string;
  expiresAt: string;
}): MailContent {
  return compose('Réinitialisation de votre mot de passe', args.communeName, [
    'Vous avez demandé à changer le mot de passe de votre accès au portail famille.',
    { link: args.link, label: 'Choisir un nouveau mot de passe' },
    `Ce lien ne sert qu’une fois et reste valable jusqu’au ${parisDateTime(args.expiresAt)}. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`,
  ]);
}

export function accountRequestRejectedEmail(args: { communeName: string; reason: string }): MailContent {
  return compose('Votre demande de compte au portail famille', args.communeName, [
    'Nous avons bien reçu votre demande d’accès au portail famille, mais nous ne pouvons pas y donner suite :',
    args.reason,
    'Pour toute question, contactez le service enfance-jeunesse de la mairie.',
  ]);
}

/** Sent by an administrator from the office to check the SMTP settings. */
export function testEmail(args: { communeName: string; server: string }): MailContent {
  return compose('E-mail de test', args.communeName, [
    `Ce message de test a été envoyé depuis le logiciel du service enfance-jeunesse, par le serveur d’envoi ${args.server}.`,
    'S’il vous est parvenu, les e-mails du service (accès au portail famille, réponses aux demandes) partiront correctement.',
  ]);
}
