/**
 * The links mailed to parents (activation, password reset) start with `PORTAL_PUBLIC_URL`, the address
 * parents reach the portal at. `afterFamilyRecordStored` has a signature fixed by the sync engine
 * (transaction, records, clock) and runs deep inside a push, so the base URL is configured once per
 * process when the app is built (`createApp`) rather than threaded through every sync call.
 */
let publicUrl: string | undefined;

export function configureAccountLinks(url: string): void {
  publicUrl = url.replace(/\/+$/, '');
}

export type AccountLinks = {
  activation(token: string): string;
  passwordReset(token: string): string;
};

export function accountLinks(): AccountLinks {
  const base = publicUrl;
  if (base === undefined) {
    // A link to nowhere must never be mailed: failing rolls the push back, and the office retries.
    throw new Error('account links are not configured: createApp() calls configureAccountLinks()');
  }
  return {
    activation: (token) => `${base}/activation/${token}`,
    passwordReset: (token) => `${base}/reinitialisation/${token}`,
  };
}
