// Every setting in one place: environment variables and their defaults.
import path from 'node:path';

export interface Config {
  port: number;
  /** Loopback by default would hide the app from a VM's host; bind all interfaces as npm start users expect. */
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
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${text}"`);
  }
  return port;
}

function parseLogLevel(text: string | undefined): Config['logLevel'] {
  if (text === 'warn' || text === 'silent') return text;
  return 'info';
}

/** Reads the configuration from the environment (PORT, COUNTERSIGN_DATA, COUNTERSIGN_DEMO, ...). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '..');
  return {
    port: parsePort(env.PORT),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.COUNTERSIGN_DATA ?? path.join(process.cwd(), 'data')),
    demo: env.COUNTERSIGN_DEMO !== '0',
    clientDir: path.resolve(env.COUNTERSIGN_CLIENT_DIR ?? path.join(root, 'dist')),
    allowedOrigins: (env.COUNTERSIGN_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    logLevel: parseLogLevel(env.COUNTERSIGN_LOG),
  };
}
