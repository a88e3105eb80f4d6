import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The app lives in src/web; nothing is copied verbatim into the build.
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // Users are on 3G: keep the first paint to the shell and let each area load its own chunk.
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
