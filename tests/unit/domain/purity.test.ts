import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// src-shared runs in Node and in the browser renderer, and its rules must never read the clock.
const dir = join(__dirname, '../../../src-shared/domain');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') }));

const forbidden: Array<[string, RegExp]> = [
  ['a node: import', /from ['"]node:/],
  ['a Node built-in import', /from ['"](fs|path|os|crypto|child_process)['"]/],
  ['require()', /\brequire\(/],
  ['Date.now()', /Date\.now\(/],
  ['new Date() without argument', /new Date\(\s*\)/],
  ['DateTime.now() / local()', /DateTime\.(now|local)\(/],
  ['Settings (global luxon state)', /\bSettings\./],
  ['process', /\bprocess\./],
  ['the DOM', /\b(window|document|localStorage)\./],
  ['Electron', /from ['"]electron['"]/],
  ['a database', /from ['"](better-sqlite3|kysely|pg)['"]/],
  ['Math.random', /Math\.random\(/],
];

describe('src-shared/domain stays pure', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(forbidden)('uses no %s', (_what, pattern) => {
    const offenders = sources.filter((s) => pattern.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });
});
