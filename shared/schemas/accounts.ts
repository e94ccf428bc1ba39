// Schemas of what the API says about the caller's account and how people sign in.
import { z } from 'zod';
import { organisationViewSchema } from './organisations';
import { userSchema } from './responses';

/** `GET /api/account`: the caller, their organisation and what it lets them do. */
export const accountBodySchema = z.object({
  user: userSchema,
  organisation: organisationViewSchema.nullable(),
  mayCreateResponses: z.boolean(),
  /** Ids of the organisations the caller administers. */
  administersOrganisations: z.array(z.string()),
  /** Administers one of the installation's organisations: may read the outbox. */
  administersInstallation: z.boolean(),
  /** How this session was signed in: a provider's name, or "local password". */
  signedInWith: z.string(),
});

/** `GET /api/auth/providers`: the sign-in page's choices. */
export const signInOptionsSchema = z.object({
  passwordLogin: z.boolean(),
  /** "Sign in with <name>": each links to `startUrl` (add `?returnTo=`). */
  providers: z.array(z.object({ id: z.string(), name: z.string(), startUrl: z.string() })),
});
