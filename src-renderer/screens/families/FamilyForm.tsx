import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../../api';
import { Field } from '../../components/forms';
import { emptyAdult, emptyChild, newKey, type AdultDraft, type ChildDraft, type FamilyDraft } from './draft';
import { CheckField, SelectField, TextAreaField } from './fields';

const RELATIONS = ['mère', 'père', 'tutrice', 'tuteur', 'grand-mère', 'grand-père', 'famille d’accueil'];
const PICKUP_RELATIONS = [
  'grand-mère',
  'grand-père',
  'tante',
  'oncle',
  'voisin(e)',
  'nourrice',
  'ami(e) de la famille',
];
const QF_SOURCES: Array<[string, string]> = [
  ['', '—'],
  ['CAF', 'CAF'],
  ['MSA', 'MSA'],
  ['avis_imposition', 'Avis d’imposition'],
  ['declaration', 'Déclaration de la famille'],
];

type Errors = Record<string, string[]>;

/**
 * The family file as a form, section by section. It only edits the draft it is given; saving,
 * the portal access and the history belong to the page around it. `portal` is shown in the
 * "Accès au portail" section under the e-mail.
 */
export function FamilyForm(props: {
  draft: FamilyDraft;
  onChange: (draft: FamilyDraft) => void;
  errors: Errors;
  familyId: number | null;
  portal?: ReactNode;
}) {
  const { draft, onChange, errors } = props;
  const err = (path: string) => errors[path];
  const set = (patch: Partial<FamilyDraft>) => onChange({ ...draft, ...patch });
  const setAdult = (i: number, patch: Partial<AdultDraft>) =>
    set({ adults: draft.adults.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setChild = (i: number, patch: Partial<ChildDraft>) =>
    set({ children: draft.children.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const familyName = draft.adults[0]?.lastName ?? '';

  return (
    <>
      <datalist id="relations">
        {RELATIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <datalist id="pickup-relations">
        {PICKUP_RELATIONS.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>

      <section className="card" aria-labelledby="sec-adults">
        <h2 id="sec-adults">Responsables</h2>
        {draft.adults.map((adult, i) => (
          <fieldset key={adult.key} className="person">
            <legend>Responsable {i + 1}</legend>
            <div className="grid3">
              <Field
                label="Nom"
                value={adult.lastName}
                onChange={(e) => setAdult(i, { lastName: e.target.value })}
                errors={err(`adults.${i}.lastName`)}
                autoFocus={adult.fresh}
                autoComplete="off"
                required
              />
              <Field
                label="Prénom"
                value={adult.firstName}
                onChange={(e) => setAdult(i, { firstName: e.target.value })}
                errors={err(`adults.${i}.firstName`)}
                autoComplete="off"
                required
              />
              <Field
                label="Lien avec l’enfant"
                value={adult.relation}
                list="relations"
                onChange={(e) => setAdult(i, { relation: e.target.value })}
                errors={err(`adults.${i}.relation`)}
                autoComplete="off"
              />
              <Field
                label="Téléphone mobile"
                type="tel"
                value={adult.mobile}
                onChange={(e) => setAdult(i, { mobile: e.target.value })}
                errors={err(`adults.${i}.phones.mobile`)}
                autoComplete="off"
              />
              <Field
                label="Téléphone domicile"
                type="tel"
                value={adult.home}
                onChange={(e) => setAdult(i, { home: e.target.value })}
                errors={err(`adults.${i}.phones.home`)}
                autoComplete="off"
              />
              <Field
                label="Téléphone travail"
                type="tel"
                value={adult.work}
                onChange={(e) => setAdult(i, { work: e.target.value })}
                errors={err(`adults.${i}.phones.work`)}
                autoComplete="off"
              />
              <Field
                label="E-mail personnel (facultatif)"
                type="email"
                value={adult.email}
                onChange={(e) => setAdult(i, { email: e.target.value })}
                errors={err(`adults.${i}.email`)}
                autoComplete="off"
              />
            </div>
            {i === 1 ? (
              <button type="button" onClick={() => set({ adults: draft.adults.slice(0, 1) })}>
                Retirer ce responsable
              </button>
            ) : null}
          </fieldset>
        ))}
        {draft.adults.length < 2 ? (
          <button
            type="button"
            onClick={() => set({ adults: [...draft.adults, emptyAdult(familyName, true)] })}
          >
            Ajouter un second responsable
          </button>
        ) : null}
        <FieldErrors errors={err('adults')} />
      </section>

      <section className="card" aria-labelledby="sec-address">
        <h2 id="sec-address">Adresse</h2>
        <div className="grid2">
          <Field
            label="Adresse"
            value={draft.address.line1}
            onChange={(e) => set({ address: { ...draft.address, line1: e.target.value } })}
            errors={err('address.line1')}
            autoComplete="off"
          />
          <Field
            label="Complément d’adresse"
            value={draft.address.line2}
            onChange={(e) => set({ address: { ...draft.address, line2: e.target.value } })}
            errors={err('address.line2')}
            autoComplete="off"
          />
          <Field
            label="Code postal"
            inputMode="numeric"
            maxLength={5}
            value={draft.address.postalCode}
            onChange={(e) => set({ address: { ...draft.address, postalCode: e.target.value } })}
            errors={err('address.postalCode')}
            autoComplete="off"
          />
          <Field
            label="Commune"
            value={draft.address.city}
            onChange={(e) => set({ address: { ...draft.address, city: e.target.value } })}
            errors={err('address.city')}
            autoComplete="off"
          />
        </div>
      </section>

      <section className="card" aria-labelledby="sec-children">
        <h2 id="sec-children">Enfants</h2>
        {draft.children.length === 0 ? <p className="hint">Aucun enfant pour l’instant.</p> : null}
        {draft.children.map((child, i) => (
          <ChildFields
            key={child.key}
            child={child}
            index={i}
            errors={errors}
            onChange={(patch) => setChild(i, patch)}
            onRemove={() => {
              const name = `${child.firstName} ${child.lastName}`.trim() || `l’enfant ${i + 1}`;
              if (!child.id || window.confirm(`Retirer ${name} de la fiche ?`)) {
                set({ children: draft.children.filter((_, j) => j !== i) });
              }
            }}
          />
        ))}
        <button
          type="button"
          onClick={() => set({ children: [...draft.children, emptyChild(familyName, true)] })}
        >
          Ajouter un enfant
        </button>
        <FieldErrors errors={err('children')} />
      </section>

      <section className="card" aria-labelledby="sec-qf">
        <h2 id="sec-qf">Quotient familial</h2>
        <div className="grid3">
          <Field
            label="Quotient familial (€)"
            inputMode="numeric"
            value={draft.qfValue}
            onChange={(e) => set({ qfValue: e.target.value })}
            errors={err('quotientFamilial.value')}
            hint="Sans QF connu, la famille paie la tranche la plus haute."
            autoComplete="off"
          />
          <Field
            label="Valable jusqu’au"
            type="date"
            value={draft.qfValidUntil}
            onChange={(e) => set({ qfValidUntil: e.target.value })}
            errors={err('quotientFamilial.validUntil')}
          />
          <SelectField
            label="Source"
            value={draft.qfSource}
            options={QF_SOURCES}
            onChange={(e) => set({ qfSource: e.target.value as FamilyDraft['qfSource'] })}
            errors={err('quotientFamilial.source')}
          />
        </div>
        <p className="hint">Réservé au service : le quotient familial n’est jamais affiché sur le portail.</p>
      </section>

      <section className="card" aria-labelledby="sec-portal">
        <h2 id="sec-portal">Accès au portail</h2>
        <FamilyEmailField
          value={draft.email}
          onChange={(email) => set({ email })}
          errors={err('email')}
          familyId={props.familyId}
        />
        {props.portal}
      </section>

      <section className="card" aria-labelledby="sec-notes">
        <h2 id="sec-notes">Notes</h2>
        <TextAreaField
          label="Notes du service (jamais affichées sur le portail)"
          rows={4}
          value={draft.notes}
          onChange={(e) => set({ notes: e.target.value })}
          errors={err('notes')}
        />
      </section>
    </>
  );
}

function FieldErrors({ errors }: { errors: string[] | undefined }) {
  return errors?.length ? <div className="field-error">{errors.join(' ')}</div> : null;
}

function ChildFields(props: {
  child: ChildDraft;
  index: number;
  errors: Errors;
  onChange: (patch: Partial<ChildDraft>) => void;
  onRemove: () => void;
}) {
  const { child, index: i, onChange } = props;
  const err = (path: string) => props.errors[`children.${i}.${path}`];
  const setPickup = (j: number, patch: Partial<ChildDraft['pickups'][number]>) =>
    onChange({ pickups: child.pickups.map((p, k) => (k === j ? { ...p, ...patch } : p)) });
  return (
    <fieldset className="person">
      <legend>
        Enfant {i + 1}
        {child.firstName ? ` — ${child.firstName}` : ''}
      </legend>
      <div className="grid3">
        <Field
          label="Prénom"
          value={child.firstName}
          onChange={(e) => onChange({ firstName: e.target.value })}
          errors={err('firstName')}
          autoFocus={child.fresh}
          autoComplete="off"
          required
        />
        <Field
          label="Nom"
          value={child.lastName}
          onChange={(e) => onChange({ lastName: e.target.value })}
          errors={err('lastName')}
          autoComplete="off"
          required
        />
        <Field
          label="Date de naissance"
          type="date"
          value={child.birthDate}
          onChange={(e) => onChange({ birthDate: e.target.value })}
          errors={err('birthDate')}
          required
        />
        <Field
          label="École"
          value={child.school}
          onChange={(e) => onChange({ school: e.target.value })}
          errors={err('school')}
          autoComplete="off"
        />
        <Field
          label="Classe"
          value={child.className}
          onChange={(e) => onChange({ className: e.target.value })}
          errors={err('className')}
          autoComplete="off"
        />
      </div>
      <div className="staff-only">
        <TextAreaField
          label="Santé, allergies, régime (réservé au service)"
          rows={2}
          value={child.healthNotes}
          onChange={(e) => onChange({ healthNotes: e.target.value })}
          errors={err('healthNotes')}
        />
        <CheckField
          label="PAI (projet d’accueil individualisé)"
          checked={child.pai}
          onChange={(pai) => onChange({ pai })}
        />
      </div>
      <div className="pickups">
        <h3>Personnes autorisées à venir chercher l’enfant</h3>
        {child.pickups.map((p, j) => (
          <div className="pickup-row" key={p.key} role="group" aria-label={`Personne autorisée ${j + 1}`}>
            <Field
              label="Nom et prénom"
              value={p.name}
              onChange={(e) => setPickup(j, { name: e.target.value })}
              errors={err(`authorisedPickups.${j}.name`)}
              autoFocus={p.fresh}
              autoComplete="off"
            />
            <Field
              label="Lien"
              value={p.relation}
              list="pickup-relations"
              onChange={(e) => setPickup(j, { relation: e.target.value })}
              errors={err(`authorisedPickups.${j}.relation`)}
              autoComplete="off"
            />
            <Field
              label="Téléphone"
              type="tel"
              value={p.phone}
              onChange={(e) => setPickup(j, { phone: e.target.value })}
              errors={err(`authorisedPickups.${j}.phone`)}
              autoComplete="off"
            />
            <button
              type="button"
              className="remove"
              onClick={() => onChange({ pickups: child.pickups.filter((_, k) => k !== j) })}
            >
              Retirer
            </button>
          </div>
        ))}
        {child.pickups.length < 10 ? (
          <button
            type="button"
            onClick={() =>
              onChange({
                pickups: [
                  ...child.pickups,
                  { key: newKey(), name: '', relation: '', phone: '', fresh: true },
                ],
              })
            }
          >
            Ajouter une personne autorisée
          </button>
        ) : null}
      </div>
      <div className="buttons start">
        <button type="button" className="danger" onClick={props.onRemove}>
          Retirer cet enfant
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The family's e-mail, its portal login. As staff type, the office says at once which family
 * already uses the address (one e-mail per family), with a link to that file.
 */
function FamilyEmailField(props: {
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  familyId: number | null;
}) {
  const [owner, setOwner] = useState<{ id: number; displayName: string } | null>(null);
  const { value, familyId } = props;
  useEffect(() => {
    if (!value.includes('@')) {
      setOwner(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('families.findByEmail', { email: value, ...(familyId ? { exceptId: familyId } : {}) }).then(
        (found) => current && setOwner(found),
        () => current && setOwner(null),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // Asked again when a save was refused: another agent may have just taken the address.
  }, [value, familyId, props.errors]);
  return (
    <>
      <Field
        label="E-mail de la famille (identifiant du portail)"
        type="email"
        value={value}
        onChange={(e) => props.onChange(e.target.value)}
        errors={owner ? undefined : props.errors}
        hint="Une seule adresse par famille. Seul le service peut la changer."
        autoComplete="off"
      />
      {owner ? (
        <div className="alert error" role="alert">
          Cette adresse e-mail est déjà celle de la famille {owner.displayName}.{' '}
          <a href={`#/familles/${owner.id}`}>Ouvrir sa fiche</a>
        </div>
      ) : null}
    </>
  );
}
