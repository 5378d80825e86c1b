/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { renderPage } from '../layout';
import type { SiteInfo } from '../shared/site';

/** `/` for a visitor: what the portal is for, and the two ways in. */
export function renderHomePage(c: Context, site: SiteInfo): Promise<Response> {
  return renderPage(c, {
    title: 'Accueil',
    site,
    children: (
      <>
        <h1>Bienvenue sur le portail famille</h1>
        <p class="lead">
          Consultez le dossier de votre famille au service enfance-jeunesse et tenez vos coordonnées à jour.
        </p>
        <div class="actions">
          <a class="button button--primary" href="/connexion">
            Se connecter
          </a>
          <a class="button button--secondary" href="/demande-de-compte">
            Demander un compte
          </a>
        </div>
        <h2>Première connexion</h2>
        <p>
          Quand le service enfance-jeunesse a créé l’accès de votre famille, vous recevez un e-mail avec un
          lien pour choisir votre mot de passe. Ce lien est valable 7 jours ; passé ce délai, demandez-en un
          nouveau au service.
        </p>
      </>
    ),
  });
}
