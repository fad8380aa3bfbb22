// Load benchmark (not a test): SafeMap serving cached tiles on every core (`--workers`, default one per core) against
// nginx serving the same tile bytes from disk with as many worker processes, and bare node:http (one process, and as
// many processes as workers) serving
// them from memory, in interleaved rounds of the same run; prints medians and the SafeMap / nginx ratio, then the time
// one /metrics scrape takes.
// Usage: npm run bench:load [-- --rounds 3 --seconds 10 --connections 100 --workers auto --no-metrics]
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getRaw } from './bench/get_raw.mjs';
import { median, startChild } from './bench/child_server.mjs';
import { loadGenerator, runLoad } from './bench/load_runner.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    workers: { type: 'string', default: 'auto' },
    // Serve without the metrics listener, to see what collecting metrics costs per request.
    'no-metrics': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const workers = values.workers === 'auto' ? availableParallelism() : Number(values.workers);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(tmpdir(), 'safemap-load-'));
// nginx workers run as an unprivileged user when started by root: they must be able to read the tiles.
chmodSync(work, 0o755);
const children = [];
const stopAll = () => Promise.all(children.map((child) => child.stop())).finally(() => rmSync(work, { recursive: true, force: true }));
process.once('SIGINT', () => stopAll().then(() => process.exit(130)));

const metricsPort = await freePort();
const safemap = await startChild(
  process.execPath,
  [
    path.join(root, 'packages/tile-server/dist/bin/safemap-server.js'),
    '--config', path.join(root, 'examples/busan/catalog.json'),
    '--port', '0',
    '--workers', String(workers),
    ...(values['no-metrics'] ? [] : ['--metrics-port', String(metricsPort)]),
  ],
  workers > 1 ? /localhost:(\d+) with/ : /localhost:(\d+)/,
);
children.push(safemap);
try {

// Central Busan z12–z15: the tiles residents' phones ask for; fetched once per worker (this pre-builds every cache).
const paths = [];
for (const [z, x0, y0, span] of [[12, 3515, 1620, 3], [13, 7031, 3241, 4], [14, 14063, 6483, 6], [15, 28127, 12967, 6]]) {
  for (let x = x0; x < x0 + span; x++) for (let y = y0; y < y0 + span; y++) paths.push(`/tiles/busan/${z}/${x}/${y}.mvt`);
}
let fetched = [];
for (let i = 0; i < workers * 2; i++) fetched = await Promise.all(paths.map((tilePath) => getRaw(`${safemap.url}${tilePath}`)));
const tiles = fetched.filter((tile) => tile.status === 200);
for (const tile of tiles) {
  const file = path.join(work, 'www', tile.path);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, tile.body);
}
const tilesJson = path.join(work, 'tiles.json');
writeFileSync(tilesJson, JSON.stringify(tiles.map((tile) => ({ path: tile.path, body: tile.body.toString('base64'), etag: tile.headers.etag }))));
const bare = await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), tilesJson], /listening (\d+)/);
children.push(bare);
// The ceiling of Node itself on this machine: bare node:http with as many processes as SafeMap has workers.
const bareAll = workers > 1 ? await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), tilesJson], /listening (\d+)/, { ...process.env, BARE_WORKERS: String(workers) }) : undefined;
if (bareAll) children.push(bareAll);
const nginx = await startNginx(tiles[0].path, workers);
if (nginx) children.push(nginx);

const kb = tiles.reduce((sum, tile) => sum + tile.body.length, 0) / tiles.length / 1024;
process.stdout.write(
  `${tiles.length} pre-built tiles (${kb.toFixed(1)} KB gzip on average), ${connections} connections, ${rounds} rounds × ${seconds} s, interleaved, loopback, ${loadGenerator()}\n` +
    `SafeMap: ${workers} worker${workers > 1 ? 's' : ''}${values['no-metrics'] ? ', metrics off' : ', metrics on'}; nginx: ${workers} worker process${workers > 1 ? 'es' : ''}; bare node:http: 1 process${workers > 1 ? ` and ${workers} processes` : ''}; ${availableParallelism()} cores\n`,
);
if (!nginx) process.stdout.write('nginx not found: the nginx comparison is skipped\n');

const targets = { SafeMap: safemap.url, ...(nginx ? { 'nginx (disk)': nginx.url } : {}), 'bare node:http': bare.url, ...(bareAll ? { [`bare node:http ×${workers}`]: bareAll.url } : {}) };
const names = Object.keys(targets);
const run = (name, duration) => runLoad({ url: targets[name], paths: tiles.map((tile) => tile.path), connections, seconds: duration, threads: 2 });

for (const name of names) await run(name, 2); // warm-up, unmeasured
const results = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const r = await run(name, seconds);
    results[name].push(r);
    process.stdout.write(`round ${round + 1} ${name.padEnd(15)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  failures ${r.failures}\n`);
  }
}
process.stdout.write('\n');
const summary = (name) => ({ rps: median(results[name].map((r) => r.rps)), p99: median(results[name].map((r) => r.p99)) });
for (const name of names) {
  const s = summary(name);
  process.stdout.write(`median ${name.padEnd(15)} ${s.rps.toFixed(0).padStart(7)} req/s  p99 ${s.p99.toFixed(2)} ms\n`);
}
const s = summary('SafeMap');
for (const name of names.slice(1)) {
  const other = summary(name);
  const perRound = median(results.SafeMap.map((r, i) => r.rps / results[name][i].rps));
  process.stdout.write(`ratio SafeMap / ${name.padEnd(15)} ${(s.rps / other.rps).toFixed(3)}× throughput (median of per-round ratios ${perRound.toFixed(3)}×), ${(s.p99 / Math.max(other.p99, 0.001)).toFixed(2)}× p99\n`);
}

// One Prometheus scrape of every worker's series, as a scraper would make it every 15 s. Scrapes are spaced by more
// than the workers' push interval (1 s), so each one aggregates fresh state instead of reusing the last text.
if (!values['no-metrics']) {
const scrapes = [];
for (let i = 0; i < 11; i++) {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const started = process.hrtime.bigint();
  const answer = await getRaw(`http://127.0.0.1:${metricsPort}/metrics`);
  if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}`);
  scrapes.push(Number(process.hrtime.bigint() - started) / 1e6);
}
process.stdout.write(`/metrics scrape (${workers} worker${workers > 1 ? 's' : ''} aggregated): median ${median(scrapes).toFixed(2)} ms of 11, 1.1 s apart (target ≤ 5 ms)\n`);
}

} finally {
  await stopAll();
}

/** nginx in the foreground with `workers` worker processes, serving the tile files with their gzip encoding. */
async function startNginx(probePath, workers) {
  const binary = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((candidate) => spawnSync(candidate, ['-v']).status === 0);
  if (!binary) return undefined;
  const port = await freePort();
  const conf = path.join(work, 'nginx.conf');
  const temp = (name) => path.join(work, name);
  writeFileSync(
    conf,
    `daemon off;
worker_processes ${workers};
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
