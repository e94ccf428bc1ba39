// Imported first by main.tsx, before any zod schema exists. Zod compiles its object parsers with
// `new Function` unless told not to, and probes for that when a schema is made; the app's CSP
// (script-src 'self', no 'unsafe-eval') refuses it, and every page load reported the probe as a
// CSP violation. Jitless parsing is plenty fast for what the client parses.
import { z } from 'zod';

z.config({ jitless: true });
