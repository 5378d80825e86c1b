import type { FamilyFile, Input } from '../../../src-shared/api/contract';

/**
 * A family file as the form edits it: every field a string (what the inputs hold), lists with a
 * stable key for React, new people flagged so their first field takes the focus.
 */
export type PickupDraft = { key: string; name: string; relation: string; phone: string; fresh?: boolean };
export type AdultDraft = {
  key: string;
  id?: number;
  firstName: string;
  lastName: string;
  relation: string;
  mobile: string;
  home: string;
  work: string;
  email: string;
  fresh?: boolean;
};
export type ChildDraft = {
  key: string;
  id?: number;
  firstName: string;
  lastName: string;
  birthDate: string;
  school: string;
  className: string;
  healthNotes: string;
  pai: boolean;
  pickups: PickupDraft[];
  fresh?: boolean;
};
export type FamilyDraft = {
  email: string;
  adults: AdultDraft[];
  address: { line1: string; line2: string; postalCode: string; city: string };
  qfValue: string;
  qfValidUntil: string;
  qfSource: '' | 'CAF' | 'MSA' | 'avis_imposition' | 'declaration';
  children: ChildDraft[];
  notes: string;
};

export type FamilyInputDraft = Input<'families.create'>;

let counter = 0;
export const newKey = () => `k${++counter}`;

export function emptyAdult(lastName = '', fresh = false): AdultDraft {
  return {
    key: newKey(),
    firstName: '',
    lastName,
    relation: '',
    mobile: '',
    home: '',
    work: '',
    email: '',
    ...(fresh ? { fresh } : {}),
  };
}

export function emptyChild(lastName = '', fresh = false): ChildDraft {
  return {
    key: newKey(),
    firstName: '',
    lastName,
    birthDate: '',
    school: '',
    className: '',
    healthNotes: '',
    pai: false,
    pickups: [],
    ...(fresh ? { fresh } : {}),
  };
}

export function emptyDraft(): FamilyDraft {
  return {
    email: '',
    // A new file starts with the first adult's name focused.
    adults: [emptyAdult('', true)],
    address: { line1: '', line2: '', postalCode: '', city: '' },
    qfValue: '',
    qfValidUntil: '',
    qfSource: '',
    children: [],
    notes: '',
  };
}

export function draftFromFile(file: FamilyFile): FamilyDraft {
  return {
    email: file.email ?? '',
    adults: file.adults.map((a) => ({
      key: `a${a.id}`,
      id: a.id,
      firstName: a.firstName,
      lastName: a.lastName,
      relation: a.relation,
      mobile: a.phones.mobile ?? '',
      home: a.phones.home ?? '',
      work: a.phones.work ?? '',
      email: a.email ?? '',
    })),
    address: { ...file.address },
    qfValue: file.quotientFamilial.value === null ? '' : String(file.quotientFamilial.value),
    qfValidUntil: file.quotientFamilial.validUntil ?? '',
    qfSource: file.quotientFamilial.source ?? '',
    children: file.children.map((c) => ({
      key: `c${c.id}`,
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      birthDate: c.birthDate,
      school: c.school,
      className: c.className,
      healthNotes: c.healthNotes,
      pai: c.pai,
      pickups: c.authorisedPickups.map((p) => ({ key: newKey(), ...p })),
    })),
    notes: file.notes,
  };
}

/** What the form sends; the back end validates and normalises everything again. */
export function inputFromDraft(draft: FamilyDraft): FamilyInputDraft {
  return {
    email: draft.email,
    adults: draft.adults.map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      firstName: a.firstName,
      lastName: a.lastName,
      relation: a.relation,
      phones: { mobile: a.mobile, home: a.home, work: a.work },
      email: a.email,
    })),
    address: draft.address,
    quotientFamilial: {
      value: draft.qfValue.trim() === '' ? null : Number(draft.qfValue.trim()),
      validUntil: draft.qfValidUntil || null,
      source: draft.qfSource || null,
    },
    children: draft.children.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      firstName: c.firstName,
      lastName: c.lastName,
      birthDate: c.birthDate,
      school: c.school,
      className: c.className,
      healthNotes: c.healthNotes,
      pai: c.pai,
      authorisedPickups: c.pickups.map((p) => ({ name: p.name, relation: p.relation, phone: p.phone })),
    })),
    notes: draft.notes,
  };
}

/** Problems the form can see before sending (the back end checks everything else). */
export function draftProblems(draft: FamilyDraft): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (draft.qfValue.trim() !== '' && !/^\d{1,6}$/.test(draft.qfValue.trim())) {
    problems['quotientFamilial.value'] = ['Un nombre entier, sans espace ni virgule (ex. 742).'];
  }
  draft.children.forEach((c, i) => {
    if (!c.birthDate) problems[`children.${i}.birthDate`] = ['La date de naissance est obligatoire.'];
  });
  return problems;
}

/** Whether two drafts hold the same values (keys and focus flags aside). */
export function sameDraft(a: FamilyDraft, b: FamilyDraft): boolean {
  return JSON.stringify(inputFromDraft(a)) === JSON.stringify(inputFromDraft(b));
}
