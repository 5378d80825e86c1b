import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/content-security-policy';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '');

describe('the office renderer’s Content-Security-Policy', () => {
  it('is the same in index.html’s meta tag as in the headers, minus frame-ancestors (ignored in meta tags)', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/g)];
    expect(metas).toHaveLength(1);
    expect(directives(metas[0]![1]!)).toEqual(
      directives(CONTENT_SECURITY_POLICY).filter((directive) => !directive.startsWith('frame-ancestors')),
    );
  });
});
