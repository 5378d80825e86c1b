/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Address } from '../../../src-shared/families/family';
import { CHANGE_REQUEST_MAX_LENGTH, PICKUPS_MAX } from '../../../src-shared/portal/parent-forms';
import { csrfField } from '../../http/csrf';
import { renderPage } from '../layout';
import { ErrorSummary, Field, type FormErrors, TextAreaField } from '../shared/forms';
import type { SiteInfo } from '../shared/site';
import { phoneKinds, phoneLabels } from './family-format';
import { ParentNav } from './parent-nav';

type Common = {
  site: SiteInfo;
  /** The record version the form was built from (`basedOnVersion` of the edit). */
  version: number;
  errors?: FormErrors;
  status?: ContentfulStatusCode;
};

function Buttons({ submit }: { submit: string }) {
  return (
    <div class="actions">
      <button type="submit">{submit}</button>
      <a class="button button--secondary" href="/ma-famille">
        Annuler
      </a>
    </div>
  );
}

const pendingNote =
  'Votre modification sera transmise au service enfance-jeunesse et apparaîtra « en attente de prise en compte » jusqu’à ce qu’il l’ait enregistrée.';

type PhonesValues = Record<(typeof phoneKinds)[number], string>;

/** Editing the phones of one adult of the family. */
export function renderEditPhonesPage(
  c: Context,
  props: Common & { adult: { id: number; firstName: string; lastName: string }; values: PhonesValues },
) {
  const errors = props.errors ?? {};
  const who = `${props.adult.firstName} ${props.adult.lastName}`;
  return renderPage(
    c,
    {
      title: `Téléphones de ${who}`,
      site: props.site,
      headerNav: <ParentNav c={c} />,
      children: (
        <>
          <h1>Téléphones de {who}</h1>
          <p class="muted">{pendingNote}</p>
          <ErrorSummary errors={errors} labels={phoneLabels} />
          <form method="post" action={`/ma-famille/responsables/${props.adult.id}/telephones`} novalidate>
            {csrfField(c)}
            <input type="hidden" name="version" value={String(props.version)} />
            {phoneKinds.map((kind) => (
              <Field
                name={kind}
                label={phoneLabels[kind]}
                type="tel"
                inputmode="tel"
                autocomplete={kind === 'mobile' ? 'tel' : 'off'}
                maxlength={30}
                hint={
                  kind === 'mobile'
                    ? 'Par exemple 06 12 34 56 78. Laissez vide s’il n’y en a pas.'
                    : undefined
                }
                value={props.values[kind]}
                error={errors[kind]}
              />
            ))}
            <Buttons submit="Envoyer les téléphones" />
          </form>
        </>
      ),
    },
    props.status ?? 200,
  );
}

const addressLabels = {
  line1: 'Adresse',
  line2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
};

/** Editing the family's address. */
export function renderEditAddressPage(c: Context, props: Common & { values: Record<keyof Address, string> }) {
  const errors = props.errors ?? {};
  return renderPage(
    c,
    {
      title: 'Adresse de la famille',
      site: props.site,
      headerNav: <ParentNav c={c} />,
      children: (
        <>
          <h1>Adresse de la famille</h1>
          <p class="muted">{pendingNote}</p>
          <ErrorSummary errors={errors} labels={addressLabels} />
          <form method="post" action="/ma-famille/adresse" novalidate>
            {csrfField(c)}
            <input type="hidden" name="version" value={String(props.version)} />
            <Field
              name="line1"
              label={addressLabels.line1}
              autocomplete="address-line1"
              maxlength={120}
              value={props.values.line1}
              error={errors.line1}
            />
            <Field
              name="line2"
              label={addressLabels.line2}
              autocomplete="address-line2"
              maxlength={120}
              hint="Bâtiment, appartement, lieu-dit… (facultatif)"
              value={props.values.line2}
              error={errors.line2}
            />
            <div class="row-2">
              <Field
                name="postalCode"
                label={addressLabels.postalCode}
                autocomplete="postal-code"
                inputmode="numeric"
                maxlength={5}
                value={props.values.postalCode}
                error={errors.postalCode}
              />
              <Field
                name="city"
                label={addressLabels.city}
                autocomplete="address-level2"
                maxlength={80}
                value={props.values.city}
                error={errors.city}
              />
            </div>
            <Buttons submit="Envoyer l’adresse" />
          </form>
        </>
      ),
    },
    props.status ?? 200,
  );
}

export type PickupRowValues = { name: string; relation: string; phone: string };

/** Spare empty rows offered after the existing people (the form works without JavaScript). */
const SPARE_ROWS = 2;

/**
 * Editing the people authorised to pick up one child: one group of fields per person, plus empty
 * rows to add some; emptying a row removes that person.
 */
export function renderEditPickupsPage(
  c: Context,
  props: Common & { child: { id: number; firstName: string; lastName: string }; rows: PickupRowValues[] },
) {
  const errors = props.errors ?? {};
  const rows = [...props.rows];
  while (rows.length < Math.min(PICKUPS_MAX, props.rows.length + SPARE_ROWS)) {
    rows.push({ name: '', relation: '', phone: '' });
  }
  const labels: Record<string, string> = { people: 'Personnes autorisées' };
  rows.forEach((_, index) => {
    labels[`people.${index}.name`] = `Personne ${index + 1}, nom`;
    labels[`people.${index}.relation`] = `Personne ${index + 1}, lien`;
    labels[`people.${index}.phone`] = `Personne ${index + 1}, téléphone`;
  });
  return renderPage(
    c,
    {
      title: `Personnes autorisées pour ${props.child.firstName}`,
      site: props.site,
      headerNav: <ParentNav c={c} />,
      children: (
        <>
          <h1>
            Personnes autorisées à venir chercher {props.child.firstName} {props.child.lastName}
          </h1>
          <p class="muted">
            Videz les trois champs d’une personne pour la retirer ; remplissez une ligne vide pour en ajouter
            une ({PICKUPS_MAX} personnes au plus). {pendingNote}
          </p>
          <ErrorSummary errors={errors} labels={labels} />
          <form
            method="post"
            action={`/ma-famille/enfants/${props.child.id}/personnes-autorisees`}
            novalidate
          >
            {csrfField(c)}
            <input type="hidden" name="version" value={String(props.version)} />
            {rows.map((row, index) => (
              <fieldset>
                <legend>Personne {index + 1}</legend>
                <Field
                  name={`people.${index}.name`}
                  label="Nom et prénom"
                  maxlength={120}
                  value={row.name}
                  error={errors[`people.${index}.name`]}
                />
                <div class="row-2">
                  <Field
                    name={`people.${index}.relation`}
                    label="Lien avec l’enfant"
                    maxlength={60}
                    hint="Grand-mère, voisin, nounou…"
                    value={row.relation}
                    error={errors[`people.${index}.relation`]}
                  />
                  <Field
                    name={`people.${index}.phone`}
                    label="Téléphone"
                    type="tel"
                    inputmode="tel"
                    maxlength={30}
                    value={row.phone}
                    error={errors[`people.${index}.phone`]}
                  />
                </div>
              </fieldset>
            ))}
            <Buttons submit="Envoyer la liste" />
          </form>
        </>
      ),
    },
    props.status ?? 200,
  );
}

/** "Demander une modification": a free message to the office. */
export function renderChangeRequestPage(
  c: Context,
  props: { site: SiteInfo; message?: string; errors?: FormErrors; status?: ContentfulStatusCode },
) {
  const errors = props.errors ?? {};
  return renderPage(
    c,
    {
      title: 'Demander une modification',
      site: props.site,
      headerNav: <ParentNav c={c} />,
      children: (
        <>
          <h1>Demander une modification</h1>
          <p>
            Décrivez ce qui doit être corrigé dans votre dossier (nom, date de naissance, école, adresse
            e-mail…). Le service enfance-jeunesse fera la modification et pourra vous contacter si besoin.
          </p>
          <ErrorSummary errors={errors} labels={{ message: 'Votre demande' }} />
          <form method="post" action="/ma-famille/demande" novalidate>
            {csrfField(c)}
            <TextAreaField
              name="message"
              label="Votre demande"
              rows={6}
              maxlength={CHANGE_REQUEST_MAX_LENGTH}
              hint={`${CHANGE_REQUEST_MAX_LENGTH} caractères au plus.`}
              value={props.message ?? ''}
              error={errors.message}
              required
            />
            <Buttons submit="Envoyer la demande" />
          </form>
        </>
      ),
    },
    props.status ?? 200,
  );
}
