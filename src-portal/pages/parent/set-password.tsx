/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PASSWORD_MIN_LENGTH } from '../../../src-shared/staff/password-policy';
import { csrfField } from '../../http/csrf';
import { renderPage } from '../layout';
import { ErrorSummary, Field, type FormErrors } from '../shared/forms';
import type { SiteInfo } from '../shared/site';

export type SetPasswordPageProps = {
  site: SiteInfo;
  /** 'activation': first password from the invitation; 'reset': new password from a reset link. */
  purpose: 'activation' | 'reset';
  /** Where the form posts: the link's own URL (its token in the path). */
  action: string;
  /** The family's login, shown so the parent knows which account this is. */
  email: string | null;
  errors?: FormErrors;
  status?: ContentfulStatusCode;
};

const texts = {
  activation: {
    title: 'Activer votre accès',
    lead: 'Choisissez le mot de passe de votre famille pour le portail. Vous vous connecterez ensuite avec votre adresse e-mail et ce mot de passe.',
    submit: 'Activer mon accès',
  },
  reset: {
    title: 'Choisir un nouveau mot de passe',
    lead: 'Choisissez un nouveau mot de passe. Les appareils encore connectés avec l’ancien seront déconnectés.',
    submit: 'Enregistrer le mot de passe',
  },
} as const;

const labels = { password: 'Mot de passe', confirmation: 'Confirmation' };

/** Choosing a password, from an invitation or a reset link; the server applies the policy. */
export function renderSetPasswordPage(
  c: Context,
  { site, purpose, action, email, errors = {}, status = 200 }: SetPasswordPageProps,
) {
  const text = texts[purpose];
  return renderPage(
    c,
    {
      title: text.title,
      site,
      scripts: ['password-strength.js'],
      children: (
        <>
          <h1>{text.title}</h1>
          <p class="lead">{text.lead}</p>
          {email !== null && (
            <p>
              Compte : <strong>{email}</strong>
            </p>
          )}
          <ErrorSummary errors={errors} labels={labels} />
          <form method="post" action={action} novalidate>
            {csrfField(c)}
            {/* Lets password managers store the login with the new password. */}
            <input type="hidden" name="username" value={email ?? ''} autocomplete="username" />
            <Field
              name="password"
              label={labels.password}
              type="password"
              autocomplete="new-password"
              maxlength={256}
              hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères, avec trois types parmi : minuscules, majuscules, chiffres, symboles. Ni votre adresse e-mail ni votre nom.`}
              error={errors.password}
              required
              attributes={{ 'data-password-strength': true }}
            />
            <Field
              name="confirmation"
              label={labels.confirmation}
              type="password"
              autocomplete="new-password"
              maxlength={256}
              hint="Le même mot de passe, une seconde fois."
              error={errors.confirmation}
              required
            />
            <div class="actions">
              <button type="submit" class="button--block">
                {text.submit}
              </button>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}
