// Builds the browser client from client/ into dist/, which the server serves.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // The editor chunk (TipTap, ProseMirror, Yjs) is ~530 kB minified, ~170 kB gzipped, and is
    // loaded only on a response page; warn if it grows past that.
    chunkSizeWarningLimit: 600,
  },
});
