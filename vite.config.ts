import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompressed } from './build/precompressed';

/**
 * The Content-Security-Policy of the built app: nothing may be fetched from, or sent to,
 * another origin; no inline script. Build only: the dev server injects inline scripts.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = {
  name: 'tierlens-csp',
  apply: 'build' as const,
  transformIndexHtml: (html: string) =>
    html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
};

// Everything the page needs is served from its own origin: DuckDB's wasm and worker and
// parquet-wasm are imported with `?url` and emitted as assets (bank intranets are offline).
export default defineConfig({
  plugins: [react(), contentSecurityPolicy, precompressed()],
  // duckdb-wasm ships pre-built workers; pre-bundling breaks their relative imports.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  assetsInclude: ['**/*.parquet'],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
