import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src-portal/config';
import { ConfigError } from '../../../src-portal/startup-error';

const cwd = '/srv/portal';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('portal configuration from the environment', () => {
  it('has working defaults: loopback:8787, its own data folder and an SQLite file in it', () => {
    const { config, warnings } = loadConfig({}, cwd);
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8787,
      dataDir: '/srv/portal/.data/portal',
      database: { dialect: 'sqlite', file: '/srv/portal/.data/portal/portal.sqlite' },
      publicUrl: 'http://127.0.0.1:8787',
      logLevel: 'info',
      trustProxy: false,
      syncSecret: undefined,
      smtp: undefined,
      bodyLimitBytes: 100 * 1024,
      shutdownTimeoutMs: 10_000,
    });
    expect(warnings).toEqual([]);
  });

  it('reads every variable', () => {
    const { config } = loadConfig(
      {
        PORTAL_HOST: '0.0.0.0',
        PORTAL_PORT: '9000',
        PORTAL_DATA_DIR: '/var/lib/portal',
        PORTAL_DATABASE_URL: 'postgresql://portal:pw@db.example:5432/portal',
        PORTAL_PUBLIC_URL: 'https://portail.mairie.example/',
        PORTAL_LOG_LEVEL: 'debug',
        PORTAL_TRUST_PROXY: 'yes',
        PORTAL_SYNC_SECRET: 's'.repeat(40),
      },
      cwd,
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/portal',
      database: { dialect: 'postgres', url: 'postgresql://portal:pw@db.example:5432/portal' },
      publicUrl: 'https://portail.mairie.example',
      logLevel: 'debug',
      trustProxy: true,
      syncSecret: 's'.repeat(40),
    });
  });

  it.each([
    ['sqlite:/abs/portal.sqlite', '/abs/portal.sqlite'],
    ['sqlite:relative/portal.sqlite', '/srv/portal/relative/portal.sqlite'],
    ['sqlite:./here.sqlite', '/srv/portal/here.sqlite'],
  ])('resolves PORTAL_DATABASE_URL=%s to the file %s', (url, file) => {
    expect(loadConfig({ PORTAL_DATABASE_URL: url }, cwd).config.database).toEqual({
      dialect: 'sqlite',
      file,
    });
  });

  it('puts the default SQLite file in PORTAL_DATA_DIR, relative to the working folder', () => {
    const { config } = loadConfig({ PORTAL_DATA_DIR: 'data' }, cwd);
    expect(config.dataDir).toBe(path.join(cwd, 'data'));
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/portal/data/portal.sqlite' });
  });

  it('counts an empty variable as unset', () => {
    expect(loadConfig({ PORTAL_PORT: '', PORTAL_DATABASE_URL: '' }, cwd).config.port).toBe(8787);
  });

  it.each([
    [
      { PORTAL_DATABASE_URL: 'mysql://x' },
      'PORTAL_DATABASE_URL must start with sqlite: or postgres:// (got "mysql://x")',
    ],
    [
      { PORTAL_DATABASE_URL: 'mysql://root:hunter2@db/portal' },
      'PORTAL_DATABASE_URL must start with sqlite: or postgres:// (got "mysql://root:***@db/portal")',
    ],
    [{ PORTAL_DATABASE_URL: 'portal.sqlite' }, 'PORTAL_DATABASE_URL must start with sqlite: or postgres://'],
    [{ PORTAL_DATABASE_URL: 'sqlite:' }, 'PORTAL_DATABASE_URL "sqlite:" needs a file path'],
    [
      { PORTAL_DATABASE_URL: 'sqlite://host/x' },
      'PORTAL_DATABASE_URL must be sqlite:/absolute/path or sqlite:relative/path',
    ],
    [{ PORTAL_DATABASE_URL: 'postgres://db.example' }, 'PORTAL_DATABASE_URL must name a database'],
    [{ PORTAL_PORT: 'abc' }, 'PORTAL_PORT must be an integer between 0 and 65535 (got "abc")'],
    [{ PORTAL_PORT: '65536' }, 'PORTAL_PORT must be an integer between 0 and 65535 (got "65536")'],
    [{ PORTAL_PORT: '-1' }, 'PORTAL_PORT must be an integer between 0 and 65535 (got "-1")'],
    [{ PORTAL_PORT: '80.5' }, 'PORTAL_PORT must be an integer between 0 and 65535 (got "80.5")'],
    [{ PORTAL_TRUST_PROXY: 'maybe' }, 'PORTAL_TRUST_PROXY must be true or false (got "maybe")'],
    [
      { PORTAL_LOG_LEVEL: 'loud' },
      'PORTAL_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    [
      { PORTAL_PUBLIC_URL: 'ftp://portal' },
      'PORTAL_PUBLIC_URL must be an http:// or https:// URL (got "ftp://portal")',
    ],
    [{ PORTAL_PUBLIC_URL: 'https://portal/?a=1' }, 'PORTAL_PUBLIC_URL must not have a query or a fragment'],
  ])('refuses %o with a clear message', (env, message) => {
    const error = configError(env);
    expect(error.message).toContain(message);
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain('\n');
  });

  it('reports every bad variable on one line', () => {
    const error = configError({ PORTAL_PORT: 'x', PORTAL_LOG_LEVEL: 'loud' });
    expect(error.message).toMatch(/^PORTAL_PORT .*; PORTAL_LOG_LEVEL /);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes the sync secret, even when refusing it', () => {
    const error = configError({ PORTAL_SYNC_SECRET: 'tooshort-secret' });
    expect(error.message).toBe('PORTAL_SYNC_SECRET must be at least 32 characters (got 15)');
  });

  it('warns about an unknown PORTAL_ variable, probably a typo', () => {
    const { warnings } = loadConfig(
      { PORTAL_PROT: '9000', PORTAL_TEST_POSTGRES_URL: 'x', HOME: '/root' },
      cwd,
    );
    expect(warnings).toEqual(['unknown variable PORTAL_PROT ignored (typo?)']);
  });
});
