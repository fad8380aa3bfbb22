// Builds the widget into dist/:
//   safemap-widget.mjs      ES module, MapLibre bundled in        (npm / <script type="module">)
//   safemap-widget.js       classic script, global `SafeMap`      (<script src>)
//   maplibre-gl-worker.mjs  MapLibre's worker, loaded beside either bundle
//   types/*.d.ts            declarations, from tsc
// and prints each bundle's gzipped size and its SRI hash for agencies to paste into <script integrity>.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const require = createRequire(import.meta.url);
const maplibreDist = dirname(require.resolve('maplibre-gl/package.json'));
const workerFiles = ['maplibre-gl-worker.mjs', 'maplibre-gl-worker.mjs.map'];

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['es2022'],
  platform: 'browser',
  loader: { '.css': 'text' },
  legalComments: 'eof',
  logLevel: 'warning',
};

// Files are overwritten in place, never removed first: a running server or test keeps serving the last good build.
mkdirSync(dist, { recursive: true });

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [join(here, 'src/index.ts')],
    format: 'esm',
    outfile: join(dist, 'safemap-widget.mjs'),
  }),
  esbuild.build({
    ...common,
    entryPoints: [join(here, 'src/classic.ts')],
    format: 'iife',
    globalName: 'SafeMap',
    outfile: join(dist, 'safemap-widget.js'),
    // A classic script has no import.meta: use the running <script>'s src instead, which is
    // also what MapLibre's own default worker URL is derived from.
    inject: [join(here, 'src/classic_script_url.ts')],
    define: { 'import.meta.url': 'classicScriptUrl' },
  }),
]);

for (const file of workerFiles) {
  const from = join(maplibreDist, 'dist', file);
  if (existsSync(from)) copyFileSync(from, join(dist, file));
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', here], { stdio: 'inherit' });

const rows = ['safemap-widget.mjs', 'safemap-widget.js', 'maplibre-gl-worker.mjs'].map((file) => {
  const bytes = readFileSync(join(dist, file));
  return {
    file,
    size: `${kb(bytes.length)}`,
    gzip: `${kb(gzipSync(bytes, { level: 9 }).length)}`,
    // Module workers cannot carry an integrity attribute; the hash is printed for pinning anyway.
    integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
  };
});
// dist/sri.json is what the README snippet is generated from (scripts/update-readme-sri.mjs), so the two cannot drift.
const sri = Object.fromEntries(rows.map((r) => [r.file, r.integrity]));
writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
const width = Math.max(...rows.map((r) => r.file.length));
for (const r of rows) {
  process.stdout.write(`${r.file.padEnd(width)}  ${r.size.padStart(9)}  gzip ${r.gzip.padStart(8)}  ${r.integrity}\n`);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
