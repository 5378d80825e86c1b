import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { operationNames, operations } from '../../../src-shared/api/contract';
import { handlers } from '../../../src-main/api/handlers';
import { ADMIN, AGENT, testOffice, type TestOffice } from '../../support/office';

const admin = { clientId: 'admin-window' };
const agent = { clientId: 'agent-window' };

let office: TestOffice;
beforeEach(async () => {
  office = await testOffice();
});
afterEach(async () => {
  await office.close();
});

async function setUp() {
  const result = await office.call(admin, 'setup.create', ADMIN);
  expect(result.ok).toBe(true);
}

async function value<T = unknown>(promise: Promise<{ ok: boolean }>): Promise<T> {
  const result = (await promise) as { ok: true; value: T } | { ok: false; error: unknown };
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function auditActions(): Promise<string[]> {
  const rows = await office.ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('the contract', () => {
  it('names every operation feature.verb and has exactly one handler per name', () => {
    for (const name of operationNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(Object.keys(handlers).sort()).toEqual([...operationNames].sort());
    expect(new Set(operationNames).size).toBe(Object.keys(operations).length);
  });
});

describe('first start', () => {
  it('asks for set-up on an empty database, then creates the commune and the admin, signed in', async () => {
    expect(await value(office.call(admin, 'setup.status', {}))).toEqual({
      needsSetup: true,
      communeName: null,
    });
    const session = await value<{ staff: { role: string; login: string }; communeName: string }>(
      office.call(admin, 'setup.create', ADMIN),
    );
    expect(session.staff).toMatchObject({ role: 'admin', login: 'mdupont' });
    expect(session.communeName).toBe('Lapalud');
    expect(await value(office.call(admin, 'setup.status', {}))).toEqual({
      needsSetup: false,
      communeName: 'Lapalud',
    });
    expect(await auditActions()).toEqual(['setup.completed']);
  });

  it('refuses a second set-up and changes nothing', async () => {
    await setUp();
    const again = await office.call(agent, 'setup.create', {
      ...ADMIN,
      login: 'intrus',
      communeName: 'Autre',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
    expect(await office.ctx.db.selectFrom('staff').select('login').execute()).toEqual([{ login: 'mdupont' }]);
  });

  it('refuses a weak password with the rules in French, and writes nothing', async () => {
    const result = await office.call(admin, 'setup.create', { ...ADMIN, password: 'motdepas' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(result)).toContain('Au moins 10 caractères');
    expect(await value(office.call(admin, 'setup.status', {}))).toMatchObject({ needsSetup: true });
  });

  it('refuses operations that need a session before anyone signs in', async () => {
    await setUp();
    expect(await office.call(agent, 'staff.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});

describe('staff accounts', () => {
  beforeEach(setUp);

  it('lets an admin create an agent who must choose a new password at first login', async () => {
    const created = await value<{ mustChangePassword: boolean; role: string }>(
      office.call(admin, 'staff.create', AGENT),
    );
    expect(created).toMatchObject({ role: 'agent', mustChangePassword: true });

    const session = await value<{ staff: { mustChangePassword: boolean } }>(
      office.call(agent, 'auth.login', { login: 'PMARTIN', password: AGENT.password }),
    );
    expect(session.staff.mustChangePassword).toBe(true);
    expect(await office.call(agent, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    await value(
      office.call(agent, 'auth.changePassword', {
        currentPassword: AGENT.password,
        newPassword: 'Nouveau-Secret-77',
      }),
    );
    expect(await office.call(agent, 'settings.get', {})).toMatchObject({ ok: true });
    expect(await auditActions()).toEqual([
      'setup.completed',
      'staff.created',
      'auth.login',
      'auth.password_changed',
    ]);
  });

  it('keeps an agent out of every admin operation', async () => {
    await value(office.call(admin, 'staff.create', AGENT));
    await value(office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password }));
    await value(
      office.call(agent, 'auth.changePassword', {
        currentPassword: AGENT.password,
        newPassword: 'Nouveau-Secret-77',
      }),
    );
    const adminOnly = operationNames.filter((name) => operations[name].access === 'admin');
    expect(adminOnly).toEqual(
      expect.arrayContaining(['staff.create', 'staff.resetPassword', 'staff.setActive', 'audit.list']),
    );
    const inputs: Record<string, unknown> = {
      'staff.list': {},
      'staff.create': { ...AGENT, login: 'autre' },
      'staff.resetPassword': { id: 1, password: 'Piratage-Total-99' },
      'staff.setActive': { id: 1, active: false },
      'audit.list': {},
      'settings.update': { communeName: 'X', sessionTimeoutMinutes: 5 },
    };
    for (const name of adminOnly) {
      const result = await office.call(agent, name, inputs[name]);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const logins = await office.ctx.db
      .selectFrom('staff')
      .select(['login', 'active'])
      .orderBy('id')
      .execute();
    expect(logins).toEqual([
      { login: 'mdupont', active: 1 },
      { login: 'pmartin', active: 1 },
    ]);
  });

  it('refuses a login already in use, whatever its case', async () => {
    await value(office.call(admin, 'staff.create', AGENT));
    const again = await office.call(admin, 'staff.create', { ...AGENT, login: 'PMartin' });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('déjà utilisé') },
    });
  });

  it('deactivating an agent ends their session and stops their logins; reactivating restores them', async () => {
    const created = await value<{ id: number }>(office.call(admin, 'staff.create', AGENT));
    await value(office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password }));
    const ended: string[] = [];
    office.onEvent((e) => ended.push(`${e.clientId}:${e.name}`));

    await value(office.call(admin, 'staff.setActive', { id: created.id, active: false }));
    expect(ended).toEqual(['agent-window:session.ended']);
    expect(
      await office.call(agent, 'auth.changePassword', { currentPassword: 'x', newPassword: 'y' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(
      await office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('désactivé') },
    });

    await value(office.call(admin, 'staff.setActive', { id: created.id, active: true }));
    expect(
      await office.call(agent, 'auth.login', { login: AGENT.login, password: AGENT.password }),
    ).toMatchObject({ ok: true });
  });

  it('never lets the last active admin be deactivated, nor an admin deactivate themself', async () => {
    expect(await office.call(admin, 'staff.setActive', { id: 1, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('reset password unlocks the account and forces a new password', async () => {
    const created = await value<{ id: number }>(office.call(admin, 'staff.create', AGENT));
    for (let i = 0; i < 5; i++)
      await office.call(agent, 'auth.login', { login: AGENT.login, password: 'Mauvais-Mot-1' });
    const list = await value<Array<{ id: number; lockedUntil: string | null }>>(
      office.call(admin, 'staff.list', {}),
    );
    expect(list.find((m) => m.id === created.id)?.lockedUntil).not.toBeNull();

    await value(office.call(admin, 'staff.resetPassword', { id: created.id, password: 'Remis-A-Zero-2026' }));
    const session = await value<{ staff: { mustChangePassword: boolean } }>(
      office.call(agent, 'auth.login', { login: AGENT.login, password: 'Remis-A-Zero-2026' }),
    );
    expect(session.staff.mustChangePassword).toBe(true);
  });
});

describe('login', () => {
  beforeEach(setUp);

  it('answers a wrong password and an unknown login with the same French message', async () => {
    const wrong = await office.call(agent, 'auth.login', { login: 'mdupont', password: 'Pas-Le-Bon-1' });
    const unknown = await office.call(agent, 'auth.login', { login: 'personne', password: 'Pas-Le-Bon-1' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Identifiant ou mot de passe incorrect.' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('slows down each consecutive failure and locks the account for 15 minutes after the fifth', async () => {
    for (let i = 1; i <= 4; i++) {
      expect(
        await office.call(agent, 'auth.login', { login: 'mdupont', password: 'Faux-Mot-De-Passe-1' }),
      ).toMatchObject({
        error: { code: 'unauthenticated' },
      });
    }
    expect(office.delays).toEqual([1, 2, 3, 4]);
    expect(
      await office.call(agent, 'auth.login', { login: 'mdupont', password: 'Faux-Mot-De-Passe-1' }),
    ).toMatchObject({
      error: { code: 'locked', message: expect.stringContaining('verrouillé') },
    });
    // Locked: even the right password is refused until the lock expires.
    expect(
      await office.call(agent, 'auth.login', { login: 'mdupont', password: ADMIN.password }),
    ).toMatchObject({
      error: { code: 'locked' },
    });
    office.clock.advance(15 * 60_000 - 1);
    expect(
      await office.call(agent, 'auth.login', { login: 'mdupont', password: ADMIN.password }),
    ).toMatchObject({
      error: { code: 'locked' },
    });
    office.clock.advance(1);
    expect(
      await office.call(agent, 'auth.login', { login: 'mdupont', password: ADMIN.password }),
    ).toMatchObject({ ok: true });
    expect(await auditActions()).toEqual([
      'setup.completed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.locked',
      'auth.login',
    ]);
  });

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++)
      await office.call(agent, 'auth.login', { login: 'mdupont', password: 'Faux-1-Faux-1' });
    await value(office.call(agent, 'auth.login', { login: 'mdupont', password: ADMIN.password }));
    for (let i = 0; i < 4; i++)
      await office.call(agent, 'auth.login', { login: 'mdupont', password: 'Faux-1-Faux-1' });
    expect(
      await office.call(agent, 'auth.login', { login: 'mdupont', password: ADMIN.password }),
    ).toMatchObject({ ok: true });
  });
});

describe('sessions', () => {
  beforeEach(setUp);

  it('end after the configured inactivity, and activity keeps them alive', async () => {
    await value(office.call(admin, 'settings.update', { communeName: 'Lapalud', sessionTimeoutMinutes: 10 }));
    office.clock.advance(9 * 60_000);
    expect(await office.call(admin, 'staff.list', {})).toMatchObject({ ok: true });
    office.clock.advance(9 * 60_000);
    expect(await office.call(admin, 'staff.list', {})).toMatchObject({ ok: true });
    const ended: string[] = [];
    office.onEvent((e) => ended.push(JSON.stringify(e.payload)));
    office.clock.advance(10 * 60_000);
    office.ctx.sessions.sweep();
    expect(ended).toEqual(['{"reason":"inactivity"}']);
    expect(await office.call(admin, 'staff.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('auth.session does not count as activity', async () => {
    office.clock.advance(14 * 60_000);
    expect(await office.call(admin, 'auth.session', {})).toMatchObject({
      ok: true,
      value: { staff: { login: 'mdupont' } },
    });
    office.clock.advance(60_000);
    expect(await office.call(admin, 'auth.session', {})).toEqual({ ok: true, value: null });
  });

  it('end on logout, written to the audit log', async () => {
    await value(office.call(admin, 'auth.logout', {}));
    expect(await office.call(admin, 'auth.session', {})).toEqual({ ok: true, value: null });
    expect((await auditActions()).at(-1)).toBe('auth.logout');
  });
});

describe('the audit log', () => {
  beforeEach(setUp);

  it('pages newest first and filters by action', async () => {
    for (let i = 0; i < 3; i++) {
      await value(
        office.call(admin, 'staff.create', { ...AGENT, login: `agent${i}`, displayName: `Agent ${i}` }),
      );
    }
    const page = await value<{
      entries: Array<{ id: number; action: string; target: string }>;
      hasMore: boolean;
    }>(office.call(admin, 'audit.list', { limit: 2, action: 'staff.created' }));
    expect(page.entries.map((e) => e.target)).toEqual(['agent2', 'agent1']);
    expect(page.hasMore).toBe(true);
    const next = await value<{ entries: Array<{ target: string }>; hasMore: boolean }>(
      office.call(admin, 'audit.list', { limit: 2, action: 'staff.created', beforeId: page.entries[1]!.id }),
    );
    expect(next).toMatchObject({ entries: [{ target: 'agent0' }], hasMore: false });
  });

  it('records settings changes with before and after', async () => {
    await value(
      office.call(admin, 'settings.update', { communeName: 'Lapalud (84)', sessionTimeoutMinutes: 30 }),
    );
    const page = await value<{ entries: Array<{ action: string; details: unknown; actorName: string }> }>(
      office.call(admin, 'audit.list', { action: 'settings.updated' }),
    );
    expect(page.entries[0]).toMatchObject({
      actorName: 'Marie Dupont',
      details: {
        before: { communeName: 'Lapalud', sessionTimeoutMinutes: 15 },
        after: { communeName: 'Lapalud (84)', sessionTimeoutMinutes: 30 },
      },
    });
  });
});

describe('the dispatcher', () => {
  beforeEach(setUp);

  it('refuses an unknown operation and an invalid input with clear errors', async () => {
    expect(await office.call(admin, 'staff.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation' },
    });
    expect(await office.call(admin, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation' },
    });
    const invalid = await office.call(admin, 'staff.create', { ...AGENT, login: 'a b', extra: 1 });
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { login: expect.any(Array) } },
    });
  });
});
