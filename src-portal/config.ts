import path from 'node:path';
import { z } from 'zod';
import { type DatabaseLocation, DatabaseUrlError, maskSecrets, parseDatabaseUrl } from './db/database-url';
import { ConfigError } from './startup-error';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The portal's configuration, read once at start from the environment (see `loadConfig`). */
export type PortalConfig = {
  /** Interface to listen on. `PORTAL_HOST`, default 127.0.0.1 (behind a reverse proxy, keep it so). */
  host: string;
  /** TCP port. `PORTAL_PORT`, default 8787; 0 picks a free port (tests). */
  port: number;
  /** The portal's own data folder (absolute). `PORTAL_DATA_DIR`, default ./.data/portal. */
  dataDir: string;
  /** `PORTAL_DATABASE_URL`, default sqlite:<dataDir>/portal.sqlite. */
  database: DatabaseLocation;
  /** Base URL parents reach the portal at, for links in e-mails; no trailing slash. `PORTAL_PUBLIC_URL`. */
  publicUrl: string;
  /** `PORTAL_LOG_LEVEL`, default info. */
  logLevel: LogLevel;
  /**
   * `PORTAL_TRUST_PROXY`, default false: whether X-Forwarded-For / X-Forwarded-Proto are believed for
   * the client's IP and https detection. Only true behind a reverse proxy that sets them, otherwise
   * any client could forge its IP (and escape the per-IP rate limits to come).
   */
  trustProxy: boolean;
  /**
   * `PORTAL_SYNC_SECRET`: the bearer secret of the office ↔ portal sync endpoints (issue 4). Optional
   * until those endpoints exist; when set it must be long enough to resist guessing.
   */
  syncSecret: string | undefined;
  /**
   * The SMTP relay the mail queue sends through: `PORTAL_SMTP_HOST`, `PORTAL_SMTP_PORT` (default 25,
   * or 465 with `PORTAL_SMTP_SECURE=true`, i.e. TLS from the first byte), `PORTAL_SMTP_USER` and
   * `PORTAL_SMTP_PASSWORD` (both or neither), `PORTAL_MAIL_FROM` (required with a host, e.g.
   * `Portail famille <no-reply@mairie.example>`). Undefined without a host: e-mails stay queued.
   */
  smtp: SmtpConfig | undefined;
  /** Largest request body accepted, in bytes (413 beyond). Not an environment variable. */
  bodyLimitBytes: number;
  /** How long a graceful shutdown waits for in-flight requests before cutting them. */
  shutdownTimeoutMs: number;
};

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; password: string } | undefined;
  /** The From header of every message. */
  from: string;
};

const PORT_MESSAGE = 'must be an integer between 0 and 65535';
const SYNC_SECRET_MIN_LENGTH = 32;

const booleanFromEnv = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }))
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const envSchema = z.object({
  PORTAL_HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORTAL_PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, PORT_MESSAGE)
    .transform(Number)
    .refine((port) => port <= 65535, PORT_MESSAGE)
    .optional(),
  PORTAL_DATA_DIR: z.string().optional(),
  PORTAL_DATABASE_URL: z.string().optional(),
  PORTAL_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .refine((value) => !value.includes('?') && !value.includes('#'), 'must not have a query or a fragment')
    .optional(),
  PORTAL_LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  PORTAL_TRUST_PROXY: booleanFromEnv.default(false),
  PORTAL_SYNC_SECRET: z
    .string()
    .refine((value) => value.length >= SYNC_SECRET_MIN_LENGTH, {
      error: (issue) =>
        `must be at least ${SYNC_SECRET_MIN_LENGTH} characters (got ${String(issue.input).length})`,
    })
    .optional(),
  PORTAL_SMTP_HOST: z.string().trim().min(1).optional(),
  PORTAL_SMTP_PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, PORT_MESSAGE)
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, 'must be an integer between 1 and 65535')
    .optional(),
  PORTAL_SMTP_SECURE: booleanFromEnv.default(false),
  PORTAL_SMTP_USER: z.string().optional(),
  PORTAL_SMTP_PASSWORD: z.string().optional(),
  // A bare address or `Display name <address>`; nodemailer parses it, we only refuse what cannot be one.
  PORTAL_MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
      error: 'must be an e-mail address, optionally with a name: Portail famille <no-reply@mairie.example>',
    })
    .optional(),
});

type EnvVariable = keyof z.input<typeof envSchema>;
const knownVariables = new Set<string>(Object.keys(envSchema.shape));
/** Variables never echoed back in an error message. */
const secretVariables = new Set<string>(['PORTAL_SYNC_SECRET', 'PORTAL_SMTP_PASSWORD']);

export type LoadedConfig = {
  config: PortalConfig;
  /** Non-fatal remarks for the log, e.g. an unknown PORTAL_* variable (probably a typo). */
  warnings: string[];
};

/**
 * Reads and validates the portal's configuration from environment variables. An empty variable counts
 * as unset. Throws a `ConfigError` whose message is one line naming each bad variable, what it must
 * be and what it got (secrets and passwords masked).
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): LoadedConfig {
  const relevant: Partial<Record<EnvVariable, string>> = {};
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PORTAL_') || value === undefined || value === '') continue;
    if (knownVariables.has(name)) relevant[name as EnvVariable] = value;
    else if (!name.startsWith('PORTAL_TEST_')) warnings.push(`unknown variable ${name} ignored (typo?)`);
  }

  const parsed = envSchema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      const raw = relevant[name as EnvVariable];
      const got =
        raw === undefined || secretVariables.has(name) ? '' : ` (got "${shorten(maskSecrets(raw))}")`;
      return `${name} ${issue.message}${got}`;
    });
    throw new ConfigError(problems.join('; '));
  }
  const vars = parsed.data;

  const dataDir = path.resolve(cwd, vars.PORTAL_DATA_DIR ?? path.join('.data', 'portal'));
  let database: DatabaseLocation;
  try {
    database = parseDatabaseUrl(
      vars.PORTAL_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'portal.sqlite')}`,
      cwd,
    );
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(shorten(error.message, 300));
    throw error;
  }
  const port = vars.PORTAL_PORT ?? 8787;
  const smtp = smtpConfig(vars);

  return {
    config: {
      host: vars.PORTAL_HOST,
      port,
      dataDir,
      database,
      publicUrl: (vars.PORTAL_PUBLIC_URL ?? defaultPublicUrl(vars.PORTAL_HOST, port)).replace(/\/+$/, ''),
      logLevel: vars.PORTAL_LOG_LEVEL,
      trustProxy: vars.PORTAL_TRUST_PROXY,
      syncSecret: vars.PORTAL_SYNC_SECRET,
      smtp,
      bodyLimitBytes: 100 * 1024,
      shutdownTimeoutMs: 10_000,
    },
    warnings,
  };
}

/** The SMTP settings, or undefined without a host; incoherent combinations are a `ConfigError`. */
function smtpConfig(vars: z.output<typeof envSchema>): SmtpConfig | undefined {
  const problems: string[] = [];
  if ((vars.PORTAL_SMTP_USER === undefined) !== (vars.PORTAL_SMTP_PASSWORD === undefined)) {
    problems.push('PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD must be set together');
  }
  if (vars.PORTAL_SMTP_HOST === undefined) {
    if (problems.length > 0) throw new ConfigError(problems.join('; '));
    return undefined;
  }
  if (vars.PORTAL_MAIL_FROM === undefined) {
    problems.push(
      'PORTAL_MAIL_FROM is required when PORTAL_SMTP_HOST is set (e.g. Portail famille <no-reply@mairie.example>)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return {
    host: vars.PORTAL_SMTP_HOST,
    port: vars.PORTAL_SMTP_PORT ?? (vars.PORTAL_SMTP_SECURE ? 465 : 25),
    secure: vars.PORTAL_SMTP_SECURE,
    auth:
      vars.PORTAL_SMTP_USER !== undefined && vars.PORTAL_SMTP_PASSWORD !== undefined
        ? { user: vars.PORTAL_SMTP_USER, password: vars.PORTAL_SMTP_PASSWORD }
        : undefined,
    from: vars.PORTAL_MAIL_FROM!,
  };
}

/** Where the portal is reached when nothing else is said: its own address, loopback for a wildcard. */
function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

function shorten(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
