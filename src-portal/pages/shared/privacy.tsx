/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { renderPage } from '../layout';
import type { SiteInfo } from './site';

/**
 * The privacy notice (RGPD art. 13) every form links to: who is responsible, which data and why,
 * who receives them, for how long, and the family's rights. The retention periods are those
 * recommended in DOMAIN.md §8 (CNIL NS-058 guidance); the commune's DPO has the last word on them.
 */
export function PrivacyNotice({ site }: { site: SiteInfo }) {
  const commune = site.communeName;
  const mairie = commune !== null ? `la mairie de ${commune}` : 'la mairie';
  return (
    <article class="notice">
      <h1>Données personnelles et confidentialité</h1>
      <p class="lead">
        Ce portail sert à la gestion de l’accueil périscolaire (A.L.P.) de vos enfants. Voici ce que nous
        faisons des informations que vous nous confiez.
      </p>

      <h2>Qui est responsable ?</h2>
      <p>
        Le responsable du traitement est le Maire{commune !== null ? ` de ${commune}` : ''}, représenté par le
        service enfance-jeunesse de {mairie}. Vous pouvez contacter le délégué à la protection des données
        (DPO) de la commune par l’intermédiaire de la mairie.
      </p>

      <h2>Pourquoi ces données ?</h2>
      <ul>
        <li>étudier votre demande de compte et créer l’accès de votre famille au portail ;</li>
        <li>inscrire vos enfants à l’accueil périscolaire et gérer leurs réservations ;</li>
        <li>calculer et encaisser la participation des familles ;</li>
        <li>vous contacter au sujet de vos enfants et de vos démarches.</li>
      </ul>
      <p>
        Ce traitement relève de la mission d’intérêt public de la commune (article 6.1.e du RGPD). Sans ces
        informations, nous ne pouvons pas accueillir vos enfants.
      </p>

      <h2>Quelles données ?</h2>
      <ul>
        <li>
          les responsables de la famille : nom, prénom, lien avec l’enfant, adresse, e-mail, téléphones ;
        </li>
        <li>les enfants : nom, prénom, date de naissance, école et classe ;</li>
        <li>les personnes autorisées à venir chercher les enfants : nom, lien, téléphone ;</li>
        <li>vos inscriptions, réservations et paiements ;</li>
        <li>
          pour la sécurité du portail : dates de connexion et de vos démarches. Votre mot de passe est
          enregistré sous une forme chiffrée que personne ne peut relire.
        </li>
      </ul>
      <p>
        Les informations de santé (allergies, projet d’accueil individualisé) ne sont pas demandées sur ce
        portail : elles sont remises directement au service, qui ne les utilise que pour la prise en charge de
        l’enfant.
      </p>

      <h2>Qui les reçoit ?</h2>
      <p>
        Uniquement les agents du service enfance-jeunesse et de la régie de {mairie}, et, pour les paiements,
        le Trésor public. Elles ne sont ni vendues ni cédées, et ne servent à aucune publicité.
      </p>

      <h2>Combien de temps ?</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Données</th>
            <th scope="col">Durée de conservation</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Demande de compte non suivie d’une inscription</td>
            <td>Le temps de l’étudier et de vous répondre</td>
          </tr>
          <tr>
            <td>Dossier de la famille et des enfants</td>
            <td>Jusqu’à 3 ans après la dernière fréquentation de l’accueil</td>
          </tr>
          <tr>
            <td>Factures et paiements</td>
            <td>Selon les règles de la comptabilité publique (en général 10 ans)</td>
          </tr>
          <tr>
            <td>Compte du portail et journaux de connexion</td>
            <td>Compte désactivé après une longue inactivité ; journaux conservés environ 1 an</td>
          </tr>
        </tbody>
      </table>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données, les faire rectifier, demander leur effacement ou la limitation de
        leur traitement, et vous opposer à un traitement, dans les conditions prévues par le RGPD et la loi
        Informatique et Libertés. Adressez-vous au service enfance-jeunesse
        {site.contactEmail !== null ? ' (' : ''}
        {site.contactEmail !== null && <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>}
        {site.contactEmail !== null ? ')' : ''} ou à la mairie.
      </p>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (
        <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>).
      </p>

      <h2>Cookies</h2>
      <p>
        Le portail n’utilise que les cookies indispensables à son fonctionnement (sécurité des formulaires,
        session de connexion). Aucun cookie de mesure d’audience ni de publicité.
      </p>
    </article>
  );
}

/** The whole privacy page. */
export function renderPrivacyPage(c: Context, site: SiteInfo): Promise<Response> {
  return renderPage(c, { title: 'Données personnelles', site, children: <PrivacyNotice site={site} /> });
}
