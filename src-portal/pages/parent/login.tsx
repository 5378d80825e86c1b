/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { csrfField } from '../../http/csrf';
import { renderPage } from '../layout';
import { type FlashMessage, Field } from '../shared/forms';
import type { SiteInfo } from '../shared/site';

export type LoginPageProps = {
  site: SiteInfo;
  email?: string;
  flash?: FlashMessage[];
  status?: ContentfulStatusCode;
};

/**
 * `/connexion`: the family's e-mail and password. A refusal says the same thing whatever was wrong
 * (the e-mail or the password), and the e-mail typed is given back, never the password.
 */
export function renderLoginPage(c: Context, { site, email = '', flash = [], status = 200 }: LoginPageProps) {
  return renderPage(
    c,
    {
      title: 'Se connecter',
      site,
      flash,
      children: (
        <>
          <h1>Se connecter</h1>
          <form method="post" action="/connexion" novalidate>
            {csrfField(c)}
            <Field
              name="email"
              label="Adresse e-mail de la famille"
              type="email"
              value={email}
              autocomplete="username"
              inputmode="email"
              maxlength={320}
              required
            />
            <Field
              name="password"
              label="Mot de passe"
              type="password"
              autocomplete="current-password"
              maxlength={256}
              required
            />
            <div class="actions">
              <button type="submit" class="button--block">
                Se connecter
              </button>
            </div>
          </form>
          <p class="form-links">
            <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
          </p>
          <p class="form-links">
            Pas encore d’accès ? <a href="/demande-de-compte">Demander un compte</a>
          </p>
        </>
      ),
    },
    status,
  );
}
