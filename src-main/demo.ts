import path from 'node:path';
import { createSyntheticFamilies } from './features/families/families.synthetic';
import type { Office } from './office';

/**
 * `npm start -- --demo`: the office on a filled database, so a newcomer can try it at once. The
 * demo lives in its own folder (never the real data) and is filled once: a commune, an
 * administrator and an agent with known passwords, and a few hundred synthetic families (e-mails
 * at reserved example domains only).
 */
export const DEMO_ACCOUNTS = {
  admin: { login: 'admin', password: 'Demo-Lapalud-2026!' },
  agent: { login: 'agent', password: 'Accueil-Matin-2026!' },
} as const;
export const DEMO_FAMILIES = 300;

export function demoDataDir(realDataDir: string): string {
  return path.join(realDataDir, 'demo');
}

export async function seedDemo(office: Office): Promise<{ seeded: boolean }> {
  const caller = { clientId: 'demo-seed' };
  const call = async (name: string, input: unknown) => {
    const result = await office.call(caller, name, input);
    if (!result.ok) throw new Error(`demo: ${name}: ${result.error.message}`);
    return result.value;
  };
  const status = (await call('setup.status', {})) as { needsSetup: boolean };
  if (!status.needsSetup) return { seeded: false };
  await call('setup.create', {
    communeName: 'Lapalud (démonstration)',
    displayName: 'Administrateur de démonstration',
    login: DEMO_ACCOUNTS.admin.login,
    password: DEMO_ACCOUNTS.admin.password,
  });
  await call('staff.create', {
    displayName: 'Agent de démonstration',
    login: DEMO_ACCOUNTS.agent.login,
    role: 'agent',
    password: DEMO_ACCOUNTS.agent.password,
  });
  await createSyntheticFamilies(office.ctx.db, { count: DEMO_FAMILIES, seed: 2026 });
  await call('auth.logout', {});
  return { seeded: true };
}
