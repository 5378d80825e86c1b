import type { Adult, Address, Child, PickupPerson, QuotientFamilial } from './family';

/**
 * The field-level summary of a change to a family file, kept in its history ("what changed").
 * Health notes and the staff's free notes are recorded as changed without their content: the
 * history is read more widely and kept longer than the file itself, and health data must not be
 * copied around (RGPD data minimisation).
 */
export type FieldChange = { field: string; from?: string; to?: string };

export type FamilySnapshot = {
  email: string | null;
  adults: Array<Adult & { id?: number | undefined }>;
  address: Address;
  quotientFamilial: QuotientFamilial;
  children: Array<Child & { id?: number | undefined }>;
  notes: string;
};

export const QF_SOURCE_LABELS: Record<NonNullable<QuotientFamilial['source']>, string> = {
  CAF: 'CAF',
  MSA: 'MSA',
  avis_imposition: 'Avis d’imposition',
  declaration: 'Déclaration de la famille',
};

const PHONE_LABELS = { mobile: 'téléphone mobile', home: 'téléphone domicile', work: 'téléphone travail' };

const shown = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'boolean'
      ? value
        ? 'oui'
        : 'non'
      : String(value);

const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

export function pickupsText(people: PickupPerson[]): string {
  return people.map((p) => `${p.name}${p.relation ? ` (${p.relation})` : ''} ${p.phone}`).join(', ');
}

function compare(
  out: FieldChange[],
  field: string,
  from: string | number | boolean | null | undefined,
  to: string | number | boolean | null | undefined,
): void {
  if (shown(from) !== shown(to)) out.push({ field, from: shown(from), to: shown(to) });
}

/** The adults' phones, field by field: shared by the office form and the portal's profile edits. */
export function comparePhones(
  out: FieldChange[],
  who: string,
  before: Adult['phones'],
  after: Adult['phones'],
) {
  for (const kind of ['mobile', 'home', 'work'] as const) {
    compare(out, `${who} — ${PHONE_LABELS[kind]}`, before[kind], after[kind]);
  }
}

export function compareAddress(out: FieldChange[], before: Address, after: Address) {
  compare(out, 'Adresse', before.line1, after.line1);
  compare(out, 'Complément d’adresse', before.line2, after.line2);
  compare(out, 'Code postal', before.postalCode, after.postalCode);
  compare(out, 'Commune', before.city, after.city);
}

export function comparePickups(
  out: FieldChange[],
  who: string,
  before: PickupPerson[],
  after: PickupPerson[],
) {
  compare(out, `${who} — personnes autorisées à venir le chercher`, pickupsText(before), pickupsText(after));
}

/** What differs between two states of a family file; `before` null means the file is new. */
export function describeFamilyChanges(before: FamilySnapshot | null, after: FamilySnapshot): FieldChange[] {
  const out: FieldChange[] = [];
  if (!before) {
    for (const adult of after.adults) out.push({ field: 'Responsable', to: personName(adult) });
    for (const child of after.children) out.push({ field: 'Enfant', to: personName(child) });
    if (after.email) out.push({ field: 'Adresse e-mail de la famille', to: after.email });
    return out;
  }
  compare(out, 'Adresse e-mail de la famille', before.email, after.email);

  const adultsBefore = new Map(before.adults.filter((a) => a.id).map((a) => [a.id, a]));
  for (const adult of after.adults) {
    const old = adult.id ? adultsBefore.get(adult.id) : undefined;
    if (!old) {
      out.push({ field: 'Responsable ajouté', to: personName(adult) });
      continue;
    }
    adultsBefore.delete(adult.id);
    const who = personName(adult);
    compare(out, `${who} — prénom`, old.firstName, adult.firstName);
    compare(out, `${who} — nom`, old.lastName, adult.lastName);
    compare(out, `${who} — lien avec l’enfant`, old.relation, adult.relation);
    comparePhones(out, who, old.phones, adult.phones);
    compare(out, `${who} — e-mail`, old.email, adult.email);
  }
  for (const removed of adultsBefore.values())
    out.push({ field: 'Responsable retiré', from: personName(removed) });

  compareAddress(out, before.address, after.address);

  compare(out, 'Quotient familial', before.quotientFamilial.value, after.quotientFamilial.value);
  compare(out, 'QF valable jusqu’au', before.quotientFamilial.validUntil, after.quotientFamilial.validUntil);
  compare(
    out,
    'Source du QF',
    before.quotientFamilial.source && QF_SOURCE_LABELS[before.quotientFamilial.source],
    after.quotientFamilial.source && QF_SOURCE_LABELS[after.quotientFamilial.source],
  );

  const childrenBefore = new Map(before.children.filter((c) => c.id).map((c) => [c.id, c]));
  for (const child of after.children) {
    const old = child.id ? childrenBefore.get(child.id) : undefined;
    if (!old) {
      out.push({ field: 'Enfant ajouté', to: personName(child) });
      continue;
    }
    childrenBefore.delete(child.id);
    const who = personName(child);
    compare(out, `${who} — prénom`, old.firstName, child.firstName);
    compare(out, `${who} — nom`, old.lastName, child.lastName);
    compare(out, `${who} — date de naissance`, old.birthDate, child.birthDate);
    compare(out, `${who} — école`, old.school, child.school);
    compare(out, `${who} — classe`, old.className, child.className);
    if (old.healthNotes !== child.healthNotes)
      out.push({ field: `${who} — informations de santé (modifiées)` });
    compare(out, `${who} — PAI`, old.pai, child.pai);
    comparePickups(out, who, old.authorisedPickups, child.authorisedPickups);
  }
  for (const removed of childrenBefore.values())
    out.push({ field: 'Enfant retiré', from: personName(removed) });

  if (before.notes !== after.notes) out.push({ field: 'Notes (modifiées)' });
  return out;
}
