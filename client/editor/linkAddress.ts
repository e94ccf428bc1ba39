// What a link in a section may point to: web pages and e-mail addresses only. The link dialog,
// the paste clean-up and TipTap's Link extension share these rules, and the publication
// renderer on the server applies the same ones (absolute http, https or mailto).

/** The protocols a link may use. */
export const LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/** An address the user typed, made absolute, or why it cannot be a link. */
export type LinkAddress = { ok: true; href: string } | { ok: false; problem: 'empty' | 'invalid' };

const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether `href` is an absolute http(s) or mailto address with somewhere to go. */
export function isAllowedHref(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  if (!LINK_PROTOCOLS.includes(url.protocol)) return false;
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  return url.hostname.length > 0;
}

/**
 * Turns what a person typed into a link address: "www.gov.uk" gets https://, an e-mail address
 * gets mailto:, anything else must already be an absolute http(s) or mailto address.
 */
export function normaliseLinkAddress(input: string): LinkAddress {
  const typed = input.trim();
  if (typed === '') return { ok: false, problem: 'empty' };
  let href = typed;
  if (EMAIL.test(typed)) href = `mailto:${typed}`;
  else if (!HAS_SCHEME.test(typed) && /^[^\s/]+\.[^\s/]+/.test(typed) && !typed.startsWith('.')) href = `https://${typed}`;
  return isAllowedHref(href) ? { ok: true, href } : { ok: false, problem: 'invalid' };
}

/**
 * TipTap's check of a link's address. It also sees what its autolink found before a protocol is
 * added ("www.gov.uk", "someone@example.org"), so those pass too; TipTap then stores the
 * address with the protocol.
 */
export function isAllowedLinkUri(uri: string): boolean {
  if (isAllowedHref(uri)) return true;
  return !HAS_SCHEME.test(uri.trim()) && normaliseLinkAddress(uri).ok;
}
