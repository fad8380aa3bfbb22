// Load benchmark (not a test): SafeMap serving cached tiles at N connections for S seconds, against nginx serving the
// same tile bytes from disk (when nginx is installed) and bare node:http serving them from memory, in the same run.
// Usage: npm run bench:load [-- --seconds 30 --connections 100]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { getRaw } from './bench/get_raw.mjs';
import { startChild } from './bench/child_server.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, connections: { type: 'string', default: '100' } } });
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(tmpdir(), 'safemap-load-'));
// nginx workers run as an unprivileged user when started by root: they must be able to read the tiles.
chmodSync(work, 0o755);
const children = [];
const stopAll = () => Promise.all(children.map((child) => child.stop())).finally(() => rmSync(work, { recursive: true, force: true }));
process.once('SIGINT', () => stopAll().then(() => process.exit(130)));

const safemap = await startChild(
  process.execPath,
  [path.join(root, 'packages/tile-server/dist/bin/safemap-server.js'), '--config', path.join(root, 'examples/busan/catalog.json'), '--port', '0'],
  /localhost:(\d+)/,
);
children.push(safemap);
try {

// Central Busan z12–z15: the tiles residents' phones ask for; fetched once (this pre-builds SafeMap's cache).
const paths = [];
for (const [z, x0, y0, span] of [[12, 3515, 1620, 3], [13, 7031, 3241, 4], [14, 14063, 6483, 6], [15, 28127, 12967, 6]]) {
  for (let x = x0; x < x0 + span; x++) for (let y = y0; y < y0 + span; y++) paths.push(`/tiles/busan/${z}/${x}/${y}.mvt`);
}
const fetched = await Promise.all(paths.map((tilePath) => getRaw(`${safemap.url}${tilePath}`)));
const tiles = fetched.filter((tile) => tile.status === 200);
for (const tile of tiles) {
  const file = path.join(work, 'www', tile.path);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, tile.body);
}
const tilesJson = path.join(work, 'tiles.json');
writeFileSync(tilesJson, JSON.stringify(tiles.map((tile) => ({ path: tile.path, body: tile.body.toString('base64') }))));
const bare = await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), tilesJson], /listening (\d+)/);
children.push(bare);
const nginx = await startNginx(tiles[0].path);
if (nginx) children.push(nginx);

const kb = tiles.reduce((sum, tile) => sum + tile.body.length, 0) / tiles.length / 1024;
process.stdout.write(`${tiles.length} pre-built tiles (${kb.toFixed(1)} KB gzip on average), ${connections} connections, ${seconds} s per server, loopback\n`);
if (!nginx) process.stdout.write('nginx not found: the nginx comparison is skipped\n');

const targets = [['SafeMap', safemap.url], ['bare node:http', bare.url], ...(nginx ? [['nginx (disk)', nginx.url]] : [])];
const run = (url, duration) =>
  autocannon({ url, connections, duration, requests: tiles.map((tile) => ({ method: 'GET', path: tile.path, headers: { 'accept-encoding': 'gzip' } })) });

for (const [, url] of targets) await run(url, 2); // warm-up, unmeasured
const results = {};
for (const [name, url] of targets) {
  const result = await run(url, seconds);
  results[name] = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    mbps: result.throughput.average / 1024 / 1024,
    total: result.requests.total,
  };
  const r = results[name];
  process.stdout.write(
    `${name.padEnd(15)} ${r.rps.toFixed(0).padStart(7)} req/s  ${r.mbps.toFixed(1).padStart(6)} MB/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  errors ${r.errors} of ${r.total}\n`,
  );
}
const s = results.SafeMap;
for (const [name] of targets.slice(1)) {
  const other = results[name];
  process.stdout.write(`ratio SafeMap / ${name.padEnd(15)} ${(s.rps / other.rps).toFixed(2)}× throughput, ${(s.p99 / Math.max(other.p99, 1)).toFixed(2)}× p99\n`);
}

} finally {
  await stopAll();
}

/** nginx in the foreground, one worker (SafeMap is one process), serving the tile files with their gzip encoding. */
async function startNginx(probePath) {
  const binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((candidate) => spawnSync(candidate, ['-v']).status === 0);
  if (!binary) return undefined;
  const port = await freePort();
  const conf = path.join(work, 'nginx.conf');
  const temp = (name) => path.join(work, name);
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=1000;
  server {
    listen 127.0.0.1:${port};
    root ${path.join(work, 'www')};
    location /tiles/ {
      default_type application/vnd.mapbox-vector-tile;
      add_header Content-Encoding gzip;
    }
  }
}
`,
  );
  const child = spawn(binary, ['-c', conf, '-p', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ok = await getRaw(`${url}${probePath}`).then((r) => r.status === 200, () => false);
    if (ok) return { url, stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGQUIT'); }) };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not start; see ${temp('error.log')}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
