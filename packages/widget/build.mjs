// Builds the widget into dist/:
//   safemap-widget.<hash>.mjs      ES module, MapLibre bundled in        (npm / <script type="module">)
//   safemap-widget.<hash>.js       classic script, global `SafeMap`      (<script src>)
//   maplibre-gl-worker.<hash>.mjs  MapLibre's worker, loaded beside either bundle
//   safemap-widget.js / .mjs / maplibre-gl-worker.mjs   the same bytes under unversioned names
//   each of them also as .br and .gz, so the server sends them compressed without compressing per request
//   manifest.json                  unversioned name → versioned name, what the server and pages resolve
//   sri.json                       SRI hash per shipped file, what the README snippet is generated from
//   types/*.d.ts                   declarations, from tsc
// A versioned name carries a hash of the file's bytes, so it can be cached for a year and pinned with SRI: a new
// build is a new URL. Source maps are written only with SAFEMAP_SOURCEMAP=1, and never served by default.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const require = createRequire(import.meta.url);
const maplibreDist = dirname(require.resolve('maplibre-gl/package.json'));
const sourcemap = process.env.SAFEMAP_SOURCEMAP === '1';

const common = {
  bundle: true,
  minify: true,
  sourcemap: sourcemap ? 'linked' : false,
  target: ['es2022'],
  platform: 'browser',
  loader: { '.css': 'text' },
  legalComments: 'eof',
  logLevel: 'warning',
  write: false,
};

mkdirSync(dist, { recursive: true });

/** `name.<12 hex of sha256>.ext` */
function versioned(file, bytes) {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dot = file.indexOf('.');
  return `${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
}

// The worker first: the bundles carry its versioned name.
const worker = readFileSync(join(maplibreDist, 'dist', 'maplibre-gl-worker.mjs'));
const shipped = new Map([['maplibre-gl-worker.mjs', worker]]);
const workerFile = versioned('maplibre-gl-worker.mjs', worker);
const define = { __SAFEMAP_WORKER_FILE__: JSON.stringify(workerFile) };

const [esm, classic] = await Promise.all([
  esbuild.build({ ...common, define, entryPoints: [join(here, 'src/index.ts')], format: 'esm', outfile: join(dist, 'safemap-widget.mjs') }),
  esbuild.build({
    ...common,
    entryPoints: [join(here, 'src/classic.ts')],
    format: 'iife',
    globalName: 'SafeMap',
    outfile: join(dist, 'safemap-widget.js'),
    // A classic script has no import.meta: use the running <script>'s src instead, which is
    // also what MapLibre's own default worker URL is derived from.
    inject: [join(here, 'src/classic_script_url.ts')],
    define: { ...define, 'import.meta.url': 'classicScriptUrl' },
  }),
]);
const maps = new Map();
for (const output of [...esm.outputFiles, ...classic.outputFiles]) {
  const name = output.path.slice(dist.length + 1);
  if (name.endsWith('.map')) maps.set(name, output.contents);
  else shipped.set(name, Buffer.from(output.contents));
}

// Files are overwritten in place, and only stale versioned files are removed: a running server or test keeps
// serving the last good build, and a page that loaded the previous bundle still finds it until the next build.
const manifest = {};
const written = new Set();
const write = (names, bytes) => {
  const variants = [['', bytes]];
  if (/\.(?:m?js|css|json)$/.test(names[0])) {
    variants.push(['.gz', gzipSync(bytes, { level: 9 })]);
    variants.push(['.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })]);
  }
  for (const name of names) {
    for (const [suffix, data] of variants) {
      writeFileSync(join(dist, name + suffix), data);
      written.add(name + suffix);
    }
  }
};
for (const [name, bytes] of shipped) {
  const file = name === 'maplibre-gl-worker.mjs' ? workerFile : versioned(name, bytes);
  manifest[name] = file;
  write([name, file], bytes);
}
for (const [name, bytes] of maps) write([name], bytes);
for (const name of readdirSync(dist)) {
  const stale = /\.[0-9a-f]{12}\.m?js(?:\.gz|\.br)?$/.test(name) || (!sourcemap && /\.map(?:\.gz|\.br)?$/.test(name));
  if (stale && !written.has(name)) rmSync(join(dist, name));
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', here], { stdio: 'inherit' });

const rows = [...shipped].map(([name, bytes]) => ({
  file: manifest[name],
  size: kb(bytes.length),
  gzip: kb(readFileSync(join(dist, `${name}.gz`)).length),
  br: kb(readFileSync(join(dist, `${name}.br`)).length),
  // Module workers cannot carry an integrity attribute; the hash is printed for pinning anyway.
  integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
}));
writeFileSync(join(dist, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// dist/sri.json is what the README snippet is generated from (scripts/update-readme-sri.mjs), so the two cannot drift.
const sri = Object.fromEntries(rows.map((r) => [r.file, r.integrity]));
writeFileSync(join(dist, 'sri.json'), `${JSON.stringify(sri, null, 2)}\n`);
const width = Math.max(...rows.map((r) => r.file.length));
for (const r of rows) {
  process.stdout.write(`${r.file.padEnd(width)}  ${r.size.padStart(9)}  gzip ${r.gzip.padStart(8)}  br ${r.br.padStart(8)}  ${r.integrity}\n`);
}
if (!existsSync(join(dist, 'types'))) process.stderr.write('warning: no declarations were written\n');

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
