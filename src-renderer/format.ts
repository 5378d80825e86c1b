/** Date-time of an instant as office staff read it: Paris time, French format. */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export const ROLE_LABELS = { admin: 'Administrateur', agent: 'Agent' } as const;

/** French names of the audit log's actions. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'setup.completed': 'Mise en service',
  'auth.login': 'Connexion',
  'auth.login_failed': 'Échec de connexion',
  'auth.locked': 'Compte verrouillé',
  'auth.logout': 'Déconnexion',
  'auth.password_changed': 'Mot de passe changé',
  'staff.created': 'Compte créé',
  'staff.password_reset': 'Mot de passe réinitialisé',
  'staff.deactivated': 'Compte désactivé',
  'staff.reactivated': 'Compte réactivé',
  'settings.updated': 'Paramètres modifiés',
  'sync.settings_updated': 'Synchronisation paramétrée',
  'mail.settings_updated': 'Serveur d’envoi paramétré',
  'mail.test_sent': 'E-mail de test',
  'mail.resent': 'Courriel renvoyé',
};

/** French labels for the keys found in audit details and version lists. */
export const DETAIL_LABELS: Record<string, string> = {
  displayName: 'nom',
  role: 'rôle',
  commune: 'commune',
  admin: 'administrateur',
  failures: 'échecs consécutifs',
  before: 'avant',
  after: 'après',
  node: 'Node.js',
  sqlite: 'SQLite',
  electron: 'Electron',
  chrome: 'Chromium',
  portalUrl: 'adresse du portail',
  intervalMinutes: 'intervalle (min)',
  enabled: 'automatique',
  secretChanged: 'nouveau secret',
  host: 'serveur',
  port: 'port',
  secure: 'TLS',
  user: 'identifiant',
  fromAddress: 'expéditeur',
  fromName: 'nom d’expéditeur',
  passwordChanged: 'nouveau mot de passe',
  messageId: 'message n°',
  copyId: 'copie n°',
  subject: 'objet',
  server: 'serveur',
  delivered: 'parti',
};
