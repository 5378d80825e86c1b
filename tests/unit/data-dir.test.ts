import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, readFlag, resolveDataDir } from '../../src-main/data-dir';

describe('the data folder', () => {
  it('comes from --data-dir, then ALP_DATA_DIR, then the Electron user-data path', () => {
    expect(resolveDataDir({ flag: 'a', env: '/b', electronUserData: '/c' })).toBe(path.resolve('a'));
    expect(resolveDataDir({ env: '/b', electronUserData: '/c' })).toBe('/b');
    expect(resolveDataDir({ electronUserData: '/c' })).toBe('/c');
    expect(resolveDataDir({})).toMatch(/Portail Famille ALP$/);
  });
});

describe('command-line options', () => {
  it('reads values in both spellings and refuses unknown options', () => {
    expect(
      parseArgs(['--data-dir', '/x', '--port=8080'], { values: ['data-dir', 'port'], flags: [] }).values,
    ).toEqual({
      'data-dir': '/x',
      port: '8080',
    });
    expect(() => parseArgs(['--dta-dir', '/x'], { values: ['data-dir'], flags: [] })).toThrow(
      /unknown option/,
    );
    expect(() => parseArgs(['--data-dir'], { values: ['data-dir'], flags: [] })).toThrow(/needs a value/);
  });

  it('picks our flag out of Electron and Chromium switches', () => {
    expect(readFlag(['/usr/bin/electron', '.', '--no-sandbox', '--data-dir=/d'], 'data-dir')).toBe('/d');
    expect(readFlag(['/usr/bin/electron', '.', '--data-dir', '/e'], 'data-dir')).toBe('/e');
    expect(readFlag(['/usr/bin/electron', '.'], 'data-dir')).toBeUndefined();
  });
});
