import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../src-shared/domain';

describe('normalizeEmail (one e-mail per family, compared trimmed and lower-cased)', () => {
  it.each([
    ['jean.dupont@example.fr', 'jean.dupont@example.fr'],
    ['  Jean.Dupont@Example.FR  ', 'jean.dupont@example.fr'],
    ['\tFamille-Martin+ALP@Mairie-Lapalud.fr\n', 'famille-martin+alp@mairie-lapalud.fr'],
  ])('%j → %j', (input, output) => {
    expect(normalizeEmail(input)).toBe(output);
  });

  it('makes two spellings of the same address equal', () => {
    expect(normalizeEmail(' A@B.FR')).toBe(normalizeEmail('a@b.fr '));
  });

  it.each(['', '   ', 'jean', 'jean@', '@example.fr', 'jean@example', 'jean dupont@example.fr', 'a@@b.fr'])(
    'refuses %j',
    (input) => {
      expect(() => normalizeEmail(input)).toThrow(/invalid e-mail address/);
    },
  );
});
