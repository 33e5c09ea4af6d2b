import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressPlugin } from './build/precompress.ts';
import { shellPlugin } from './build/shell.ts';

// The Go server's API and probes; `make dev`-style setups run it on :8080.
const backend = 'http://127.0.0.1:8080';

// Same policy the Go server sends (internal/web/security.go), so `vite preview` shows CSP
// violations before the embedded build does. antd's CSS-in-JS needs inline styles; scripts
// must stay external. Scans are previewed (img, iframe) from the object store's origin.
const documents = process.env.INTERMART_S3_ORIGIN ?? 'http://127.0.0.1:59000';
const contentSecurityPolicy =
  `default-src 'self'; img-src 'self' data: blob: ${documents}; style-src 'self' 'unsafe-inline'; ` +
  `script-src 'self'; connect-src 'self'; frame-src 'self' ${documents}; object-src 'none'; ` +
  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export default defineConfig({
  plugins: [react(), shellPlugin(), precompressPlugin()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  preview: {
    headers: { 'Content-Security-Policy': contentSecurityPolicy },
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  build: {
    outDir: 'dist',
    // dist/ is emptied on each build; public/.keep is copied back in, so the committed
    // dist/.keep (which lets the Go embed compile on a fresh clone) survives.
    emptyOutDir: true,
    assetsDir: 'assets',
    // antd alone is ~1 MB unminified; the workspace is split off with React.lazy.
    chunkSizeWarningLimit: 1500,
  },
});
