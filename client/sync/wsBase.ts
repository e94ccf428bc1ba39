/** `ws://host` or `wss://host` for this page's own origin. */
export function wsBase(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}`;
}
