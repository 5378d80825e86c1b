/** The French texts of the parent account pages and their errors, in one place. */
export const accountMessages = {
  badCredentials: 'Adresse e-mail ou mot de passe incorrect.',
  lockedOut:
    'Trop d’essais infructueux : par sécurité, la connexion à ce compte est suspendue pendant 15 minutes. Vous pouvez aussi choisir un nouveau mot de passe avec « Mot de passe oublié ».',
  tooManyRequests: 'Trop de tentatives depuis votre connexion internet : réessayez dans quelques minutes.',
  invalidPassword: 'Ce mot de passe ne convient pas.',
  linkUsed:
    'Ce lien a déjà servi ou a été remplacé par un lien plus récent : chaque lien ne fonctionne qu’une fois.',
  linkExpired: 'Ce lien a expiré.',
  linkUnknown: 'Ce lien n’est pas reconnu : vérifiez qu’il a été copié en entier.',
  sessionEnded: 'Votre session a expiré : reconnectez-vous.',
  loggedOut: 'Vous êtes déconnecté(e).',
  resetRequested:
    'Si un compte actif correspond à cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Ce lien est valable 1 heure. Pensez à regarder dans les courriers indésirables.',
} as const;
