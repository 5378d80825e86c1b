/**
 * The office renderer's Content-Security-Policy, defined once: the Electron session sends it for
 * `app://office/` and browser mode sends it on every response. `src-renderer/index.html` repeats it
 * in a meta tag (HTML cannot import), without `frame-ancestors`, which meta tags ignore;
 * `tests/unit/content-security-policy.test.ts` keeps the two from drifting apart.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
