// What the client's `import … from 'zod'` resolves to (vite.config.ts aliases it here): zod,
// told not to compile parsers with `new Function`. Zod probes for that when an object schema is
// made, and the app's CSP (script-src 'self', no 'unsafe-eval') reports the probe as a violation.
// Configuring it from main.tsx was not enough: a chunk that makes schemas can be evaluated before
// the entry's own code. Every module that imports zod goes through this one, so the setting is
// made before any schema exists. Jitless parsing is plenty fast for what the client parses.
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
