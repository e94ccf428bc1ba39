// CSRF and cross-site WebSocket hijacking defence: a browser always says where a request comes
// from; a state-changing request or socket from another site is refused.

/**
 * Whether a request's Origin may act on this server: same host as the request, or configured.
 * No Origin at all is allowed (not a browser: curl, scripts), since browsers always send one
 * on cross-site POSTs and WebSocket upgrades.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return host !== undefined && parsed.host.toLowerCase() === host.toLowerCase();
}
