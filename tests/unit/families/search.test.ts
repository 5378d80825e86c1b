import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familySearchText, familySortKey, foldText, searchTokens } from '../../../src-shared/families/search';

const family = {
  email: 'helene.martin@example.fr',
  adults: [
    {
      firstName: 'Hélène',
      lastName: 'Martin-Dupré',
      email: null,
      phones: { mobile: '06 12 34 56 78', home: null, work: '+44 20 7946 0958' },
    },
    {
      firstName: 'Œdipe',
      lastName: "D'Ascoli",
      email: 'oe@example.org',
      phones: { mobile: null, home: null, work: null },
    },
  ],
  children: [{ firstName: 'Maëlys', lastName: 'Martin' }],
};

/** Whether the family matches the query, as the repository's SQL decides it. */
const matches = (query: string) => {
  const text = familySearchText(family);
  return searchTokens(query).every((t) => text.includes(` ${t}`));
};

describe('foldText', () => {
  it.each([
    ['Hélène', 'helene'],
    ['ÉLODIE', 'elodie'],
    ['Maëlys Çava', 'maelys cava'],
    ['Œuvray Lætitia', 'oeuvray laetitia'],
    ['Strauß', 'strauss'],
  ])('%j → %j', (input, output) => expect(foldText(input)).toBe(output));
});

describe('searchTokens', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['helene', ['helene']],
    ['Hélène  MARTIN', ['helene', 'martin']],
    ['06 12', ['0612']],
    ['06.12.34', ['061234']],
    ['+33 6 12', ['0612']],
    ['0033612', ['0612']],
    ['+44 20', ['4420']],
    ['martin 06 12', ['martin', '0612']],
    ['Helene.Martin@Example', ['helene.martin@example']],
    ["d'ascoli", ['d', 'ascoli']],
    ['jean-pierre', ['jean', 'pierre']],
    ['a a a', ['a']],
  ])('%j → %j', (query, tokens) => expect(searchTokens(query)).toEqual(tokens));

  it('keeps at most eight tokens', () => {
    expect(searchTokens('a b c d e f g h i j')).toHaveLength(8);
  });
});

describe('a family matches', () => {
  it.each([
    'helene',
    'HÉLÈNE',
    'hel',
    'martin',
    'dupre',
    'martin dupre',
    'maelys',
    'oedipe',
    'ascoli',
    "d'asc",
    '06 12',
    '0612345678',
    '06 12 34 56 78',
    '+33 6 12 34',
    '+44 20 79',
    'helene.martin@',
    'example.fr',
    'oe@example.org',
  ])('on %j', (query) => expect(matches(query)).toBe(true));

  it.each(['elene', 'artin', '12 34', 'hélène durand', 'maelysx', '07', 'x@example.fr'])(
    'not on %j',
    (query) => expect(matches(query)).toBe(false),
  );

  it('whatever accents and case the query uses for a word of a name', () => {
    fc.assert(
      fc.property(fc.constantFrom('Hélène', 'Martin', 'Maëlys', 'Dupré'), fc.boolean(), (word, upper) => {
        const typed = upper ? word.toUpperCase() : foldText(word);
        return matches(typed) && matches(typed.slice(0, 2));
      }),
    );
  });
});

describe('familySortKey', () => {
  it('is the first adult’s folded last then first name', () => {
    expect(familySortKey(family.adults)).toBe('martin dupre helene');
    expect(familySortKey([])).toBe('');
  });
});
