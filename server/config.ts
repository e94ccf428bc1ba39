// Every setting in one place: environment variables and their defaults.
import path from 'node:path';
import type { Organisation } from '../shared/organisations';
import { DEMO_USERS } from './demo/seedDemo';
import { PROJECT_ROOT } from './paths';
import {
  checkOrganisationProviders,
  parseOidcProviders,
  parseOrganisations,
  parsePublicUrl,
  parseSmtpUrl,
  type OidcProviderSetting,
} from './settings';

export interface Config {
  port: number;
  /** Loopback unless HOST says otherwise: the demo's logins are public. */
  host: string;
  dataDir: string;
  /** A postgres:// URL: the database is PostgreSQL there instead of SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** A redis:// URL: instances sharing the database and this Redis serve the same responses live. */
  redisUrl: string | null;
  /** What this deployment's Redis keys and channels start with (several deployments may share one Redis). */
  redisPrefix: string;
  /** Create the demo response and users on an empty data folder. */
  demo: boolean;
  /** Where the built client is (vite build output). */
  clientDir: string;
  /** Extra origins allowed to make state-changing requests and open sockets (comma-separated). */
  allowedOrigins: string[];
  /** Log as JSON lines (default) or quietly for tests. */
  logLevel: 'info' | 'warn' | 'silent';
  /** A session ends this long after sign-in... */
  sessionAbsoluteMs: number;
  /** ...or once unused for this long. */
  sessionIdleMs: number;
  /** Express's `trust proxy`: false (the default) reads no X-Forwarded-* header. */
  trustProxy: boolean | number | string;
  /** The largest a section's document may grow to (bytes of its encoded state). */
  maxSectionBytes: number;
  /** An automatic version of a section is made at most this often while it is edited. */
  autoVersionMs: number;
  /** The installation's organisations (COUNTERSIGN_ORGANISATIONS), or the one default organisation. */
  organisations: Organisation[];
  /** Whether COUNTERSIGN_ORGANISATIONS was set. */
  organisationsConfigured: boolean;
  /** OpenID Connect providers (COUNTERSIGN_OIDC_ISSUER, COUNTERSIGN_OIDC_PROVIDERS). */
  oidcProviders: OidcProviderSetting[];
  /** Whether local passwords sign people in (COUNTERSIGN_PASSWORD_LOGIN=0 switches them off). */
  passwordLogin: boolean;
  /** The address people reach Countersign at, for links in mail and the OIDC redirect; the server's own URL when unset. */
  publicUrl: string | null;
  /** The mail server (COUNTERSIGN_SMTP_URL); without one, mail stays in the outbox. */
  smtpUrl: string | null;
  /** The sender of every mail (COUNTERSIGN_MAIL_FROM). */
  mailFrom: string;
  /** The first wait before a failed mail is tried again (doubling each time). */
  mailRetryBaseMs: number;
  /** How often the scheduler looks for reminders and digests to send. */
  schedulerIntervalMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

function parseNumber(name: string, text: string | undefined, fallback: number, { min, max }: { min: number; max: number }): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}, not "${text}"`);
  return value;
}

function parsePort(text: string | undefined): number {
  const port = parseNumber('PORT', text, 3000, { min: 0, max: 65535 });
  if (!Number.isInteger(port)) throw new Error(`PORT must be a whole number from 0 to 65535, not "${text}"`);
  return port;
}

function parseLogLevel(text: string | undefined): Config['logLevel'] {
  if (text === 'warn' || text === 'silent') return text;
  return 'info';
}

/** COUNTERSIGN_TRUST_PROXY: unset or 0 trusts nobody; a number trusts that many hops; else Express's list (e.g. "loopback"). */
function parseTrustProxy(text: string | undefined): Config['trustProxy'] {
  if (text === undefined || text === '' || text === '0' || text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}

/** COUNTERSIGN_DATABASE_URL: unset for the embedded SQLite, else a postgres:// (or postgresql://) URL. */
function parseDatabaseUrl(text: string | undefined): string | null {
  if (text === undefined || text.trim() === '') return null;
  if (!/^postgres(ql)?:\/\//i.test(text.trim())) {
    throw new Error('COUNTERSIGN_DATABASE_URL must be a postgres:// URL (leave it unset for SQLite in COUNTERSIGN_DATA)');
  }
  return text.trim();
}

/** COUNTERSIGN_REDIS_URL: unset for a single instance, else a redis:// (or rediss://) URL. */
function parseRedisUrl(text: string | undefined): string | null {
  if (text === undefined || text.trim() === '') return null;
  if (!/^rediss?:\/\//i.test(text.trim())) throw new Error('COUNTERSIGN_REDIS_URL must be a redis:// or rediss:// URL (leave it unset for a single instance)');
  return text.trim();
}

/** Reads the configuration from the environment (PORT, COUNTERSIGN_DATA, COUNTERSIGN_DEMO, ...). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.COUNTERSIGN_DEMO !== '0';
  const demoAdministrators = demo ? DEMO_USERS.filter((user) => user.administrator).map((user) => user.email) : [];
  const { organisations, configured } = parseOrganisations(env.COUNTERSIGN_ORGANISATIONS, demoAdministrators);
  const oidcProviders = parseOidcProviders(env);
  checkOrganisationProviders(organisations, oidcProviders);
  const passwordLogin = env.COUNTERSIGN_PASSWORD_LOGIN !== '0';
  if (!passwordLogin && oidcProviders.length === 0) {
    throw new Error('COUNTERSIGN_PASSWORD_LOGIN=0 switches local passwords off, but no OpenID Connect provider is configured: nobody could sign in');
  }
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.COUNTERSIGN_DATA ?? path.join(process.cwd(), 'data')),
    databaseUrl: parseDatabaseUrl(env.COUNTERSIGN_DATABASE_URL),
    redisUrl: parseRedisUrl(env.COUNTERSIGN_REDIS_URL),
    redisPrefix: env.COUNTERSIGN_REDIS_PREFIX || 'countersign:',
    demo,
    clientDir: path.resolve(env.COUNTERSIGN_CLIENT_DIR ?? path.join(PROJECT_ROOT, 'dist')),
    allowedOrigins: (env.COUNTERSIGN_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: parseLogLevel(env.COUNTERSIGN_LOG),
    sessionAbsoluteMs: parseNumber('COUNTERSIGN_SESSION_DAYS', env.COUNTERSIGN_SESSION_DAYS, 14, { min: 0.01, max: 365 }) * 24 * HOUR_MS,
    sessionIdleMs: parseNumber('COUNTERSIGN_SESSION_IDLE_HOURS', env.COUNTERSIGN_SESSION_IDLE_HOURS, 12, { min: 0.001, max: 24 * 365 }) * HOUR_MS,
    trustProxy: parseTrustProxy(env.COUNTERSIGN_TRUST_PROXY),
    autoVersionMs: parseNumber('COUNTERSIGN_AUTO_VERSION_MINUTES', env.COUNTERSIGN_AUTO_VERSION_MINUTES, 5, { min: 0, max: 24 * 60 }) * 60 * 1000,
    maxSectionBytes: parseNumber('COUNTERSIGN_MAX_SECTION_BYTES', env.COUNTERSIGN_MAX_SECTION_BYTES, 4 * 1024 * 1024, { min: 16 * 1024, max: 1024 ** 3 }),
    organisations,
    organisationsConfigured: configured,
    oidcProviders,
    passwordLogin,
    publicUrl: parsePublicUrl(env.COUNTERSIGN_PUBLIC_URL),
    smtpUrl: parseSmtpUrl(env.COUNTERSIGN_SMTP_URL),
    mailFrom: env.COUNTERSIGN_MAIL_FROM || 'Countersign <countersign@localhost>',
    mailRetryBaseMs: 30_000,
    schedulerIntervalMs: 60_000,
  };
}

/** Whether an interface name or address is this machine's loopback only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
