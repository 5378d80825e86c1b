import { shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

/**
 * The one place where the Electron window's security policy lives: the renderer is our own page
 * served from `app://office/`, it may not navigate anywhere, open windows, embed <webview>s or
 * get any permission, and only main-process code checks that IPC comes from it.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'office';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Hosts whose https links may open in the user's browser (help pages, the commune's site). */
const EXTERNAL_ALLOWLIST = new Set<string>(['www.service-public.fr', 'www.legifrance.gouv.fr']);

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function openExternalIfAllowed(raw: string): void {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && EXTERNAL_ALLOWLIST.has(url.host)) void shell.openExternal(url.href);
  } catch {
    // not a URL: nothing to open
  }
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** IPC is answered only for our own top-level page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
