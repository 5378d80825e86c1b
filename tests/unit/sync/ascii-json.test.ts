import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../../src-shared/sync/protocol';

describe('asciiJson', () => {
  it('writes accents, other scripts and emoji as JSON escapes, in ASCII only', () => {
    const value = { name: 'Hélène Œuvray', city: 'Saint-Étienne', note: 'ça va 😀 日本', n: 3, none: null };
    const text = asciiJson(value);
    expect(text).toBe(
      '{"name":"H\\u00e9l\\u00e8ne \\u0152uvray","city":"Saint-\\u00c9tienne",' +
        '"note":"\\u00e7a va \\ud83d\\ude00 \\u65e5\\u672c","n":3,"none":null}',
    );
    expect(JSON.parse(text)).toEqual(value);
  });

  it('gives the same JSON value as JSON.stringify for any data, in pure ASCII', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = asciiJson(value);
        expect([...text].every((char) => char.charCodeAt(0) < 0x80)).toBe(true);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
