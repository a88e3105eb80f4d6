import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The API reference page (/api/docs, served by the server) renders with swagger-ui, shipped in the
 * build under /api-docs/ rather than fetched from a CDN: the renderer, its stylesheet and our start-up file.
 */
function apiReference(): Plugin {
  const swaggerUi = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const files = {
    'swagger-ui-bundle.js': path.join(swaggerUi, 'swagger-ui-bundle.js'),
    'swagger-ui.css': path.join(swaggerUi, 'swagger-ui.css'),
    'init.js': path.join(import.meta.dirname, 'src/web/api-docs/init.js'),
  };
  return {
    name: 'relais-api-reference',
    apply: 'build',
    generateBundle() {
      for (const [name, file] of Object.entries(files)) this.emitFile({ type: 'asset', fileName: `api-docs/${name}`, source: fs.readFileSync(file) });
    },
  };
}

/**
 * Brotli copies (quality 11) of the app's built scripts and styles, which the server sends as they
 * are: on a 3G link the best compression once at build time beats the quick one done per request
 * (a fifth fewer bytes for MapLibre than brotli's quality 4). Browsers without brotli, and the API
 * reference's files, still get @fastify/compress's on the fly.
 */
function precompress(): Plugin {
  return {
    name: 'relais-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const brotli = promisify(zlib.brotliCompress);
      // Compressed on libuv's threads, all files at once: a few seconds on two cores.
      await Promise.all(
        Object.keys(bundle)
          .filter((fileName) => /\.(m?js|css|html|svg)$/.test(fileName) && !fileName.startsWith('api-docs/'))
          .map(async (fileName) => {
            const file = path.join(options.dir!, fileName);
            const source = await fs.promises.readFile(file);
            if (source.length < 1024) return;
            const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length };
            await fs.promises.writeFile(`${file}.br`, await brotli(source, { params }));
          }),
      );
    },
  };
}

/**
 * The dashboard's own pages, index.html with modulepreload links for the chunks a dashboard needs
 * to draw its figures, map and charts (and preloads for their styles): the server sends them to a
 * signed-in browser opening a dashboard's address (serveWebApp in src/server/app.ts), so these chunks
 * download beside the app's own instead of after the session has answered and the page has
 * rendered. Other pages, and signed-out visitors, get index.html and none of this code.
 */
const landingPages: Record<string, string[]> = {
  'dashboard.html': ['src/web/features/dashboard/DashboardPage.tsx'],
  'region.html': ['src/web/features/dashboard/RegionPage.tsx'],
};
const landingCommon = [
  'src/web/features/dashboard/first-load.ts',
  'src/web/features/map/SituationMap.tsx',
  'src/web/features/dashboard/charts/DashboardCharts.tsx',
];

function landingPagePreloads(): Plugin {
  return {
    name: 'relais-landing-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html'];
        if (index?.type !== 'asset') throw new Error('index.html not in the bundle');
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const entry = chunks.find((chunk) => chunk.isEntry)!;
        const chunkOf = (module: string) => {
          const id = path.join(import.meta.dirname, module);
          const found = chunks.find((chunk) => chunk.moduleIds.includes(id));
          if (!found) throw new Error(`no chunk holds ${module}`);
          return found;
        };
        // Linked by index.html already: the entry and what it imports.
        const linked = new Set([entry.fileName, ...entry.imports, ...(entry.viteMetadata?.importedCss ?? [])]);
        for (const [page, modules] of Object.entries(landingPages)) {
          const scripts = new Set<string>();
          const styles = new Set<string>();
          const add = (fileName: string) => {
            const chunk = bundle[fileName];
            if (chunk?.type !== 'chunk' || scripts.has(fileName)) return;
            scripts.add(fileName);
            for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
            chunk.imports.forEach(add);
          };
          for (const module of [...modules, ...landingCommon]) add(chunkOf(module).fileName);
          // The mark main.tsx looks for before asking for the dashboard's answers early: the server sends this page to signed-in browsers only.
          const links = [
            '<meta name="relais-page" content="dashboard">',
            ...[...styles].filter((file) => !linked.has(file)).map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
            ...[...scripts].filter((file) => !linked.has(file)).map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
          ];
          const html = String(index.source).replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
          this.emitFile({ type: 'asset', fileName: page, source: html });
        }
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), apiReference(), landingPagePreloads(), precompress()],
  // The app lives in src/web; only the API reference's files are copied verbatim into the build (above).
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // Users are on 3G: keep the first paint to the shell and let each area load its own chunk.
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Fewer, larger chunks where a first visit pays for each request (150 ms of latency on 3G, six
        // connections at a time): the app's start-up code in one chunk, and the dashboard (the landing
        // page: its page, its map's and charts' first drawing, and what they import) in another, which
        // pages sharing its modules then take from the cache. Measured: 21 requests instead of 54 on
        // the dashboard's first visit, 179 KB of scripts instead of 228 (bench/dashboard-load.ts).
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 2 },
            {
              name: 'dashboard',
              priority: 1,
              test: /src[\\/]web[\\/]features[\\/](dashboard[\\/](DashboardPage|RegionPage|first-load|SituationView|charts[\\/]DashboardCharts)|map[\\/]SituationMap)\.tsx?$/,
            },
          ],
        },
      },
    },
  },
  // The encoded-list worker loads exceljs on demand: workers as modules can split chunks.
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
