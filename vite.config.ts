// Builds the browser client from client/ into dist/, which the server serves.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  resolve: {
    // Every `from 'zod'` in the client and shared/ gets zod configured for the CSP (client/zodConfig.ts).
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('client/zodConfig.ts', import.meta.url)) }],
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // The editor chunk (TipTap, ProseMirror, Yjs) is ~530 kB minified, ~170 kB gzipped, and is
    // loaded only on a response page; warn if it grows past that.
    chunkSizeWarningLimit: 600,
  },
});
