// Structured logs: one JSON object per line. Security events are rate-limited per kind so a
// flood of refused requests cannot flood the log.

type Level = 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<Level | 'silent', number> = { info: 0, warn: 1, error: 2, silent: 3 };
let threshold: Level | 'silent' = 'info';

/** Sets the lowest level that is written. */
export function setLogLevel(level: Level | 'silent'): void {
  threshold = level;
}

function write(level: Level, event: string, fields: Record<string, unknown>): void {
  if (LEVEL_ORDER[level] < LEVEL_ORDER[threshold]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === 'info') process.stdout.write(line + '\n');
  else process.stderr.write(line + '\n');
}

export const log = {
  info: (event: string, fields: Record<string, unknown> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write('error', event, fields),
};

const SECURITY_LOG_WINDOW_MS = 60_000;
const SECURITY_LOG_MAX_PER_WINDOW = 50;
const securityWindows = new Map<string, { start: number; count: number; suppressed: number }>();

/** Logs a security-relevant event (refused login, write, upgrade), at most 50 a minute per kind. */
export function logSecurity(event: string, fields: Record<string, unknown>): void {
  const now = Date.now();
  let window = securityWindows.get(event);
  if (!window || now - window.start > SECURITY_LOG_WINDOW_MS) {
    if (window && window.suppressed > 0) {
      write('warn', 'security.suppressed', { kind: event, count: window.suppressed });
    }
    window = { start: now, count: 0, suppressed: 0 };
    securityWindows.set(event, window);
  }
  window.count += 1;
  if (window.count > SECURITY_LOG_MAX_PER_WINDOW) {
    window.suppressed += 1;
    return;
  }
  write('warn', event, { security: true, ...fields });
}
