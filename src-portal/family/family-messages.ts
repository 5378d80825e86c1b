/** The French texts of "Ma famille", in one place. */
export const familyMessages = {
  notEditable:
    'Cette information ne peut pas être modifiée en ligne : utilisez « Demander une modification ».',
  notFound: 'Cette page n’existe pas ou ne concerne pas votre famille.',
  notSynced:
    'Votre dossier n’est pas encore disponible sur le portail. Réessayez dans quelques minutes ou contactez le service enfance-jeunesse.',
  phonesSent: 'Vos numéros de téléphone ont été transmis au service enfance-jeunesse.',
  addressSent: 'Votre adresse a été transmise au service enfance-jeunesse.',
  pickupsSent: 'La liste des personnes autorisées a été transmise au service enfance-jeunesse.',
  changeRequested:
    'Votre demande a été transmise au service enfance-jeunesse, qui la traitera et mettra votre dossier à jour.',
  pending: 'en attente de prise en compte',
  tooManyRequests:
    'Vous avez envoyé beaucoup de demandes aujourd’hui : réessayez demain ou contactez le service.',
} as const;
