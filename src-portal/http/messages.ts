/** The French texts of the portal's generic HTTP errors, in one place. */
export const httpMessages = {
  notFound: 'Cette adresse n’existe pas sur le portail.',
  payloadTooLarge: 'La requête est trop volumineuse.',
  notPushBody: 'Un lot de synchronisation s’envoie en lignes JSON (Content-Type: application/x-ndjson).',
  malformedPushBody:
    'Lot de synchronisation illisible : il faut, pour chaque enregistrement, une ligne d’en-tête JSON puis une ligne de données JSON.',
  internal: (requestId: string) =>
    `Une erreur interne est survenue. Réessayez plus tard ; si elle persiste, indiquez la référence ${requestId} au service enfance-jeunesse.`,
  databaseUnavailable: 'Le portail est momentanément indisponible (base de données injoignable).',
  forbidden: 'Accès refusé.',
  unauthenticated: 'Vous devez vous connecter.',
  rateLimited: 'Trop de requêtes : réessayez dans quelques instants.',
  invalidInput: 'La requête n’est pas valide.',
} as const;
