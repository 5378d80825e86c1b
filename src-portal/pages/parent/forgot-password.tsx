/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { accountMessages } from '../../accounts/account-messages';
import { csrfField } from '../../http/csrf';
import { renderPage } from '../layout';
import { type FlashMessage, Field } from '../shared/forms';
import type { SiteInfo } from '../shared/site';

/** `/mot-de-passe-oublie`: the family's e-mail, to receive a reset link. */
export function renderForgotPasswordPage(
  c: Context,
  {
    site,
    flash = [],
    status = 200,
  }: { site: SiteInfo; flash?: FlashMessage[]; status?: ContentfulStatusCode },
) {
  return renderPage(
    c,
    {
      title: 'Mot de passe oublié',
      site,
      flash,
      children: (
        <>
          <h1>Mot de passe oublié</h1>
          <p class="lead">
            Indiquez l’adresse e-mail de votre famille : nous y enverrons un lien pour choisir un nouveau mot
            de passe.
          </p>
          <form method="post" action="/mot-de-passe-oublie" novalidate>
            {csrfField(c)}
            <Field
              name="email"
              label="Adresse e-mail de la famille"
              type="email"
              autocomplete="username"
              inputmode="email"
              maxlength={320}
              required
            />
            <div class="actions">
              <button type="submit" class="button--block">
                Recevoir le lien
              </button>
            </div>
          </form>
          <p class="form-links">
            <a href="/connexion">Retour à la connexion</a>
          </p>
        </>
      ),
    },
    status,
  );
}

/** The same answer for every address, known or not (no account enumeration). */
export function renderResetRequestedPage(c: Context, site: SiteInfo) {
  return renderPage(c, {
    title: 'Vérifiez vos e-mails',
    site,
    children: (
      <>
        <h1>Vérifiez vos e-mails</h1>
        <p>{accountMessages.resetRequested}</p>
        <p>
          Vous ne recevez rien ? Vérifiez l’adresse saisie, ou contactez le service enfance-jeunesse :
          l’adresse e-mail de votre famille est celle que vous lui avez donnée.
        </p>
        <div class="actions">
          <a class="button button--secondary" href="/connexion">
            Retour à la connexion
          </a>
        </div>
      </>
    ),
  });
}
