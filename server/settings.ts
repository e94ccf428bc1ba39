// The settings of organisations, sign-in and mail, read from the environment for config.ts:
// JSON lists and URLs, checked here so that a mistake stops the server with a clear message.
import { z } from 'zod';
import { DEFAULT_ORGANISATION, type Organisation } from '../shared/organisations';
import { organisationsSettingSchema, settingIdField } from '../shared/schemas/organisations';

/** One OpenID Connect provider: "Sign in with <name>". */
export interface OidcProviderSetting {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /**
   * The claim holding an address the provider vouches for (e.g. "preferred_username" for
   * Microsoft Entra ID, whose `email` claim is not verified); null: `email`, only when
   * `email_verified` is true.
   */
  emailClaim: string | null;
}

const providerSchema = z
  .object({
    id: settingIdField.refine((id) => id !== 'callback', '"callback" is the sign-in callback\'s path; choose another id'),
    name: z.string().trim().min(1).max(100),
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000).nullable().optional(),
    emailClaim: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).nullable().optional(),
  })
  .strict();

function problems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} must be JSON (a list of objects)`);
  }
}

/** COUNTERSIGN_ORGANISATIONS, or the one default organisation (whose administrators are `defaultAdministrators`). */
export function parseOrganisations(text: string | undefined, defaultAdministrators: string[]): { organisations: Organisation[]; configured: boolean } {
  if (text === undefined || text.trim() === '') {
    return { organisations: [{ ...DEFAULT_ORGANISATION, administrators: defaultAdministrators }], configured: false };
  }
  const parsed = organisationsSettingSchema.safeParse(parseJson('COUNTERSIGN_ORGANISATIONS', text));
  if (!parsed.success) throw new Error(`COUNTERSIGN_ORGANISATIONS is not valid: ${problems(parsed.error)}`);
  return { organisations: parsed.data, configured: true };
}

/** The providers of COUNTERSIGN_OIDC_ISSUER (id "oidc") and COUNTERSIGN_OIDC_PROVIDERS, together. */
export function parseOidcProviders(env: NodeJS.ProcessEnv): OidcProviderSetting[] {
  const list: unknown[] = [];
  if (env.COUNTERSIGN_OIDC_ISSUER) {
    list.push({
      id: 'oidc',
      name: env.COUNTERSIGN_OIDC_NAME || 'single sign-on',
      issuer: env.COUNTERSIGN_OIDC_ISSUER,
      clientId: env.COUNTERSIGN_OIDC_CLIENT_ID ?? '',
      clientSecret: env.COUNTERSIGN_OIDC_CLIENT_SECRET || null,
      emailClaim: env.COUNTERSIGN_OIDC_EMAIL_CLAIM || null,
    });
  }
  if (env.COUNTERSIGN_OIDC_PROVIDERS?.trim()) {
    const more = parseJson('COUNTERSIGN_OIDC_PROVIDERS', env.COUNTERSIGN_OIDC_PROVIDERS);
    if (!Array.isArray(more)) throw new Error('COUNTERSIGN_OIDC_PROVIDERS must be a JSON list of providers');
    list.push(...more);
  }
  const parsed = z.array(providerSchema).safeParse(list);
  if (!parsed.success) throw new Error(`The OpenID Connect settings are not valid: ${problems(parsed.error)}`);
  const providers = parsed.data.map((p) => ({ ...p, clientSecret: p.clientSecret ?? null, emailClaim: p.emailClaim ?? null }));
  if (new Set(providers.map((p) => p.id)).size !== providers.length) throw new Error('Two OpenID Connect providers have the same id');
  return providers;
}

/** Checks that the organisations name only configured providers. */
export function checkOrganisationProviders(organisations: Organisation[], providers: OidcProviderSetting[]): void {
  const ids = new Set(providers.map((p) => p.id));
  for (const organisation of organisations) {
    if (organisation.provider && !ids.has(organisation.provider)) {
      throw new Error(`COUNTERSIGN_ORGANISATIONS: ${organisation.id} names the sign-in provider "${organisation.provider}", which is not configured`);
    }
  }
}

/** COUNTERSIGN_PUBLIC_URL without a trailing slash, or null. */
export function parsePublicUrl(text: string | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`COUNTERSIGN_PUBLIC_URL must be a web address such as https://countersign.example.org, not "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('COUNTERSIGN_PUBLIC_URL must start with https:// or http://');
  return url.toString().replace(/\/+$/, '');
}

/** COUNTERSIGN_SMTP_URL (smtp://, smtps://), or null for no mail server. */
export function parseSmtpUrl(text: string | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('COUNTERSIGN_SMTP_URL must be a URL such as smtp://user:password@mail.example.org:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('COUNTERSIGN_SMTP_URL must start with smtp:// or smtps://');
  return text;
}
