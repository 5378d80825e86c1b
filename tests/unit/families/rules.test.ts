import { describe, expect, it } from 'vitest';
import { describeFamilyChanges, type FamilySnapshot } from '../../../src-shared/families/changes';
import { familyInputSchema } from '../../../src-shared/families/family';
import { matchReasons, personKey, phoneKey } from '../../../src-shared/families/matching';
import { portalAccessTransition } from '../../../src-shared/families/portal-access';
import { familyDisplayName, toPortalFamilyRecord } from '../../../src-shared/families/portal-record';
import { familyInputProblems } from '../../../src-shared/families/rules';

const input = familyInputSchema.parse({
  email: 'a@example.fr',
  adults: [{ firstName: 'Hélène', lastName: 'Martin', phones: { mobile: '0612345678' } }],
  address: { line1: '1 rue', postalCode: '84840', city: 'Lapalud' },
  quotientFamilial: { value: 700, validUntil: '2027-07-31', source: 'CAF' },
  children: [
    {
      firstName: 'Léa',
      lastName: 'Martin',
      birthDate: '2018-04-12',
      healthNotes: 'asthme',
      pai: true,
      authorisedPickups: [{ name: 'Mamie', phone: '0600000000' }],
    },
  ],
  notes: 'confidentiel',
});
const withIds = {
  ...input,
  id: 7,
  portalAccess: 'invited' as const,
  adults: input.adults.map((a, i) => ({ ...a, id: 10 + i })),
  children: input.children.map((c, i) => ({ ...c, id: 20 + i })),
};

describe('the portal record', () => {
  it('carries what parents see and nothing staff-only', () => {
    const record = toPortalFamilyRecord(withIds, { invitationId: 'inv-1', lastAppliedEventSeq: 3 });
    expect(record).toEqual({
      id: 7,
      email: 'a@example.fr',
      portalAccess: 'invited',
      invitationId: 'inv-1',
      adults: [
        {
          id: 10,
          firstName: 'Hélène',
          lastName: 'Martin',
          relation: '',
          phones: { mobile: '06 12 34 56 78', home: null, work: null },
          email: null,
        },
      ],
      address: { line1: '1 rue', line2: '', postalCode: '84840', city: 'Lapalud' },
      children: [
        {
          id: 20,
          firstName: 'Léa',
          lastName: 'Martin',
          birthDate: '2018-04-12',
          school: '',
          className: '',
          authorisedPickups: [{ name: 'Mamie', relation: '', phone: '06 00 00 00 00' }],
        },
      ],
      lastAppliedEventSeq: 3,
    });
  });
});

describe('familyDisplayName', () => {
  it.each([
    [[], 'Famille sans responsable'],
    [[{ firstName: 'Hélène', lastName: 'Martin' }], 'MARTIN Hélène'],
    [
      [
        { firstName: 'Hélène', lastName: 'Martin' },
        { firstName: 'Paul', lastName: 'martin' },
      ],
      'MARTIN Hélène et Paul',
    ],
    [
      [
        { firstName: 'Hélène', lastName: 'Martin' },
        { firstName: 'Éric', lastName: 'Dupré' },
      ],
      'MARTIN Hélène et DUPRÉ Éric',
    ],
  ])('%j → %j', (adults, name) => expect(familyDisplayName(adults)).toBe(name));
});

describe('portal access transitions', () => {
  it.each([
    ['none', 'invite', true, 'invited', true],
    ['invited', 'resend', true, 'invited', true],
    ['invited', 'revoke', true, 'none', false],
    ['active', 'disable', true, 'disabled', false],
    ['disabled', 'enable', true, 'active', false],
  ] as const)('%s --%s--> %s', (from, action, hasEmail, next, newInvitation) => {
    expect(portalAccessTransition(from, action, { hasEmail })).toEqual({ ok: true, next, newInvitation });
  });

  it.each([
    ['none', 'invite', false],
    ['invited', 'invite', true],
    ['active', 'invite', true],
    ['none', 'resend', true],
    ['active', 'revoke', true],
    ['invited', 'disable', true],
    ['active', 'enable', true],
    ['disabled', 'enable', false],
  ] as const)('refuses %s --%s (e-mail: %s)', (from, action, hasEmail) => {
    const result = portalAccessTransition(from, action, { hasEmail });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^[A-ZÉ]/);
  });
});

describe('matching a request with a family', () => {
  const family = {
    email: 'helene.martin@example.fr',
    adults: [
      {
        firstName: 'Hélène',
        lastName: 'Martin',
        email: null,
        phones: { mobile: '06 12 34 56 78', home: null, work: null },
      },
    ],
    children: [{ firstName: 'Léa', lastName: 'Martin-Dupré' }],
  };
  const request = (
    adult: Partial<{ firstName: string; lastName: string; email: string; phone: string }>,
    children = [],
  ) => ({
    adult: { firstName: 'X', lastName: 'Y', email: 'x@example.fr', phone: '', ...adult },
    children,
  });

  it.each([
    [{ email: ' HELENE.MARTIN@example.fr' }, ['email']],
    [{ phone: '+33 6 12 34 56 78' }, ['phone']],
    [{ phone: '0612345678' }, ['phone']],
    [{ firstName: 'helene', lastName: 'MARTIN' }, ['adult']],
    [{ firstName: 'Martin', lastName: 'Hélène' }, ['adult']],
    [{ firstName: 'Hélène', lastName: 'Durand' }, []],
  ])('%j → %j', (adult, reasons) => expect(matchReasons(request(adult), family)).toEqual(reasons));

  it('matches a child whatever the accents and punctuation', () => {
    expect(
      matchReasons({ ...request({}), children: [{ firstName: 'LEA', lastName: 'martin dupre' }] }, family),
    ).toEqual(['child']);
  });

  it('compares phones and names in a stable form', () => {
    expect(phoneKey('+33 6 12 34 56 78')).toBe('0612345678');
    expect(phoneKey('0033 6 12 34 56 78')).toBe('0612345678');
    expect(personKey({ firstName: 'Jean-Pierre', lastName: "D'Ascoli" })).toBe(
      personKey({ firstName: 'd ascoli', lastName: 'JEAN PIERRE' }),
    );
  });
});

describe('describeFamilyChanges', () => {
  const snapshot = (patch: Partial<FamilySnapshot> = {}): FamilySnapshot => ({ ...withIds, ...patch });

  it('lists nothing for the same file', () => {
    expect(describeFamilyChanges(snapshot(), snapshot())).toEqual([]);
  });

  it('names each changed field with the before and after values', () => {
    const after = snapshot({
      email: 'b@example.fr',
      adults: [{ ...withIds.adults[0]!, phones: { mobile: null, home: '04 90 00 00 00', work: null } }],
      quotientFamilial: { value: 800, validUntil: '2027-07-31', source: 'MSA' },
    });
    expect(describeFamilyChanges(snapshot(), after)).toEqual([
      { field: 'Adresse e-mail de la famille', from: 'a@example.fr', to: 'b@example.fr' },
      { field: 'Hélène Martin — téléphone mobile', from: '06 12 34 56 78', to: '—' },
      { field: 'Hélène Martin — téléphone domicile', from: '—', to: '04 90 00 00 00' },
      { field: 'Quotient familial', from: '700', to: '800' },
      { field: 'Source du QF', from: 'CAF', to: 'MSA' },
    ]);
  });

  it('says health notes and notes changed without copying them', () => {
    const after = snapshot({
      children: [{ ...withIds.children[0]!, healthNotes: 'allergie kiwi' }],
      notes: 'secret',
    });
    const changes = describeFamilyChanges(snapshot(), after);
    expect(changes).toEqual([
      { field: 'Léa Martin — informations de santé (modifiées)' },
      { field: 'Notes (modifiées)' },
    ]);
  });

  it('describes a new file by its people', () => {
    expect(describeFamilyChanges(null, snapshot())).toEqual([
      { field: 'Responsable', to: 'Hélène Martin' },
      { field: 'Enfant', to: 'Léa Martin' },
      { field: 'Adresse e-mail de la famille', to: 'a@example.fr' },
    ]);
  });
});

describe('familyInputProblems', () => {
  it('accepts a plausible file', () => {
    expect(familyInputProblems(input, '2026-11-27')).toEqual({});
  });

  it('refuses a birth date after today (Paris), but not today', () => {
    const child = { ...input.children[0]!, birthDate: '2026-11-28' };
    expect(familyInputProblems({ ...input, children: [child] }, '2026-11-27')).toEqual({
      'children.0.birthDate': ['La date de naissance est dans le futur.'],
    });
    expect(familyInputProblems({ ...input, children: [child] }, '2026-11-28')).toEqual({});
  });

  it('refuses the same adult twice and the same person id twice', () => {
    const adult = input.adults[0]!;
    expect(
      familyInputProblems({ ...input, adults: [adult, { ...adult, firstName: 'HELENE' }] }, '2026-11-27'),
    ).toEqual({
      'adults.1.firstName': ['Ce responsable figure déjà dans la fiche.'],
    });
    const child = { ...input.children[0]!, id: 3 };
    expect(
      familyInputProblems({ ...input, children: [child, { ...child, firstName: 'Autre' }] }, '2026-11-27')[
        ''
      ],
    ).toEqual(['La fiche envoyée contient deux fois la même personne. Rechargez-la.']);
  });
});
