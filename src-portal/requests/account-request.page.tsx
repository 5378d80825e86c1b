/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ACCOUNT_REQUEST_MAX_CHILDREN,
  ACCOUNT_REQUEST_MESSAGE_MAX,
} from '../../src-shared/portal/account-request';
import { renderPage } from '../pages/layout';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  type FormErrors,
  Honeypot,
  TextAreaField,
  fieldId,
} from '../pages/shared/forms';
import type { SiteInfo } from '../pages/shared/site';

/** The submitted values, by field name, as typed (given back on errors). */
export type AccountRequestValues = Record<string, string>;

export const HONEYPOT_FIELD = 'website';
export const ADD_CHILD_ACTION = 'add-child';

export const accountRequestTitle = 'Demander un compte';

/** The label of each field, in the order of the form (for the error summary). */
function labels(rows: number): Record<string, string> {
  const result: Record<string, string> = {
    'adult.firstName': 'Votre prénom',
    'adult.lastName': 'Votre nom',
    'adult.email': 'Votre adresse e-mail',
    'adult.phone': 'Votre téléphone',
    children: 'Enfants',
  };
  for (let row = 0; row < rows; row++) {
    result[`children.${row}.firstName`] = `Enfant ${row + 1}, prénom`;
    result[`children.${row}.lastName`] = `Enfant ${row + 1}, nom`;
    result[`children.${row}.birthDate`] = `Enfant ${row + 1}, date de naissance`;
  }
  result.message = 'Message';
  result.privacyAccepted = 'Données personnelles';
  return result;
}

export type AccountRequestFormProps = {
  site: SiteInfo;
  values: AccountRequestValues;
  errors: FormErrors;
  /** Child rows shown (3 at first, up to 6). */
  rows: number;
  /** Paris calendar day, the latest birth date the date picker offers. */
  today: string;
  csrf: Child;
};

/**
 * "Demander un compte": works without JavaScript (the "Ajouter un enfant" button posts the form back
 * with one more row, keeping what was typed).
 */
export function renderAccountRequestForm(
  c: Context,
  props: AccountRequestFormProps,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const { values, errors, rows } = props;
  const value = (name: string) => values[name] ?? '';
  const childRows = Array.from({ length: rows }, (_, row) => row);
  return renderPage(
    c,
    {
      title: Object.keys(errors).length > 0 ? `Erreur — ${accountRequestTitle}` : accountRequestTitle,
      site: props.site,
      children: (
        <>
          <h1>{accountRequestTitle}</h1>
          <p class="lead">
            Votre famille n’a pas encore d’accès au portail ? Envoyez cette demande au service
            enfance-jeunesse.
          </p>
          <div class="panel">
            <p>
              <strong>Et ensuite ?</strong> Le service enfance-jeunesse étudiera votre demande et vous
              répondra par e-mail. Si elle est acceptée, vous recevrez un lien personnel pour choisir votre
              mot de passe.
            </p>
          </div>

          <ErrorSummary errors={errors} labels={labels(rows)} />

          <form method="post" action="/demande-de-compte" novalidate>
            {/* Enter in a field submits with the form's first button: make it "send", not "add a child". */}
            <button
              type="submit"
              name="action"
              value="send"
              class="default-submit"
              tabindex={-1}
              aria-hidden="true"
            >
              Envoyer ma demande
            </button>
            {props.csrf}
            <input type="hidden" name="rows" value={String(rows)} />

            <fieldset>
              <legend>Responsable de la famille</legend>
              <div class="row-2">
                <Field
                  name="adult.firstName"
                  label="Prénom"
                  value={value('adult.firstName')}
                  error={errors['adult.firstName']}
                  autocomplete="given-name"
                  maxlength={80}
                  required
                />
                <Field
                  name="adult.lastName"
                  label="Nom"
                  value={value('adult.lastName')}
                  error={errors['adult.lastName']}
                  autocomplete="family-name"
                  maxlength={80}
                  required
                />
              </div>
              <Field
                name="adult.email"
                label="Adresse e-mail"
                type="email"
                hint="Une seule adresse par famille : elle servira à vous connecter."
                value={value('adult.email')}
                error={errors['adult.email']}
                autocomplete="email"
                inputmode="email"
                maxlength={254}
                required
              />
              <Field
                name="adult.phone"
                label="Téléphone"
                type="tel"
                hint="Par exemple 06 12 34 56 78."
                value={value('adult.phone')}
                error={errors['adult.phone']}
                autocomplete="tel"
                inputmode="tel"
                maxlength={30}
                required
              />
            </fieldset>

            <fieldset id="enfants" tabindex={-1}>
              <legend>Enfants</legend>
              <p class="fieldset__hint">
                Indiquez chaque enfant qui fréquentera l’accueil périscolaire. Laissez vides les lignes en
                trop.
              </p>
              {errors.children && (
                <p class="field__error" id={fieldId('children')}>
                  {errors.children}
                </p>
              )}
              {childRows.map((row) => (
                <fieldset class="child" id={`enfant-${row + 1}`}>
                  <legend>Enfant {row + 1}</legend>
                  <div class="row-2">
                    <Field
                      name={`children.${row}.firstName`}
                      label="Prénom"
                      value={value(`children.${row}.firstName`)}
                      error={errors[`children.${row}.firstName`]}
                      autocomplete="off"
                      maxlength={80}
                    />
                    <Field
                      name={`children.${row}.lastName`}
                      label="Nom"
                      value={value(`children.${row}.lastName`)}
                      error={errors[`children.${row}.lastName`]}
                      autocomplete="off"
                      maxlength={80}
                    />
                  </div>
                  <Field
                    name={`children.${row}.birthDate`}
                    label="Date de naissance"
                    type="date"
                    value={value(`children.${row}.birthDate`)}
                    error={errors[`children.${row}.birthDate`]}
                    attributes={{ max: props.today }}
                  />
                </fieldset>
              ))}
              {rows < ACCOUNT_REQUEST_MAX_CHILDREN ? (
                <button
                  type="submit"
                  name="action"
                  value={ADD_CHILD_ACTION}
                  class="button--secondary"
                  formaction={`/demande-de-compte#enfant-${rows + 1}`}
                >
                  Ajouter un enfant
                </button>
              ) : (
                <p class="muted">
                  Plus de {ACCOUNT_REQUEST_MAX_CHILDREN} enfants ? Précisez-le dans le message ci-dessous.
                </p>
              )}
            </fieldset>

            <TextAreaField
              name="message"
              label="Message au service (facultatif)"
              hint="Une précision utile : garde alternée, école, situation particulière…"
              value={value('message')}
              error={errors.message}
              maxlength={ACCOUNT_REQUEST_MESSAGE_MAX}
              rows={4}
            />

            <CheckboxField
              name="privacyAccepted"
              checked={value('privacyAccepted') === 'yes'}
              error={errors.privacyAccepted}
              required
            >
              J’ai lu la notice <a href="/confidentialite">Données personnelles et confidentialité</a> et
              j’accepte que ces informations soient utilisées pour étudier ma demande.
            </CheckboxField>

            <Honeypot name={HONEYPOT_FIELD} />

            <div class="actions">
              <button type="submit" name="action" value="send" class="button--primary button--block">
                Envoyer ma demande
              </button>
            </div>
          </form>
        </>
      ),
    },
    status,
  );
}

/** The answer after a request, the same whether the e-mail is known or not. */
export function renderAccountRequestSent(c: Context, site: SiteInfo): Promise<Response> {
  return renderPage(c, {
    title: 'Demande envoyée',
    site,
    children: (
      <>
        <h1>Demande envoyée</h1>
        <p class="flash flash--success" role="status">
          Merci, votre demande a bien été transmise.
        </p>
        <p>Le service enfance-jeunesse étudiera votre demande et vous répondra par e-mail.</p>
        <ol class="steps">
          <li>Le service vérifie les informations de votre famille (il peut vous appeler si besoin).</li>
          <li>
            Si la demande est acceptée, vous recevez un e-mail avec un lien personnel, valable 7 jours, pour
            choisir votre mot de passe.
          </li>
          <li>Vous pourrez alors vous connecter au portail et inscrire vos enfants.</li>
        </ol>
        <p class="muted">
          Pensez à vérifier vos courriers indésirables. Nous ne vous demanderons jamais votre mot de passe.
        </p>
      </>
    ),
  });
}
