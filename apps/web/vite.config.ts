import { defineConfig } from 'vite';

/** Plain Vite: esbuild compiles TSX (automatic runtime); workspace packages resolve to their source. */
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: process.env.CORAZY_API ?? 'http://127.0.0.1:8080', ws: true, changeOrigin: false },
    },
  },
});
