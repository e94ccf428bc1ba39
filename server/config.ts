// Every setting in one place: environment variables and their defaults.
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

export interface Config {
  port: number;
  /** Loopback unless HOST says otherwise: the demo's logins are public. */
  host: string;
  dataDir: string;
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
  /** The address the public reaches Countersign at (the register's feeds name it); null: the request's own host. */
  publicUrl: string | null;
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

/** COUNTERSIGN_PUBLIC_URL: an http(s) origin, e.g. https://responses.example-pcc.gov.uk, without a trailing slash. */
function parsePublicUrl(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`COUNTERSIGN_PUBLIC_URL must be a web address such as https://responses.example.org, not "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`COUNTERSIGN_PUBLIC_URL must start https:// or http://, not "${text}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Reads the configuration from the environment (PORT, COUNTERSIGN_DATA, COUNTERSIGN_DEMO, ...). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.COUNTERSIGN_DATA ?? path.join(process.cwd(), 'data')),
    demo: env.COUNTERSIGN_DEMO !== '0',
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
    publicUrl: parsePublicUrl(env.COUNTERSIGN_PUBLIC_URL),
    maxSectionBytes: parseNumber('COUNTERSIGN_MAX_SECTION_BYTES', env.COUNTERSIGN_MAX_SECTION_BYTES, 4 * 1024 * 1024, { min: 16 * 1024, max: 1024 ** 3 }),
  };
}

/** Whether an interface name or address is this machine's loopback only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
