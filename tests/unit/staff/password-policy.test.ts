import { describe, expect, it } from 'vitest';
import { passwordProblems, passwordScore } from '../../../src-shared/staff/password-policy';

describe('passwordProblems', () => {
  it.each([
    ['Correct-Horse-42', {}, []],
    ['Provisoire-2026!', { login: 'pmartin', name: 'Paul Martin' }, []],
    ['Court-1', {}, ['Au moins 10 caractères.']],
    [
      'toutenminuscules',
      {},
      ['Au moins trois types de caractères parmi : minuscules, majuscules, chiffres, symboles.'],
    ],
    ['Pmartin-2026!', { login: 'pmartin' }, ['Ne doit pas contenir l’identifiant ni le nom.']],
    ['Martin-Ete-2026', { name: 'Paul Martin' }, ['Ne doit pas contenir l’identifiant ni le nom.']],
    ['Élève-Été-2026', {}, []],
  ])('%s → %j', (password, context, expected) => {
    expect(passwordProblems(password, context)).toEqual(expected);
  });

  it('refuses a single repeated character even when long', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaaa')).toContain('Ne doit pas répéter un seul caractère.');
  });

  it('ignores name parts too short to mean anything', () => {
    expect(passwordProblems('Le-Bon-Mot-2026', { name: 'Lé Bo' })).toEqual([]);
  });
});

describe('passwordScore', () => {
  it('grows with length and variety, from 0 to 4', () => {
    expect(passwordScore('')).toBe(0);
    expect(passwordScore('abc')).toBe(0);
    expect(passwordScore('Correct-Horse-42')).toBe(4);
    expect(passwordScore('abcdefghijkl')).toBe(1);
  });
});
