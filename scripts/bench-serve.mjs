// Serving a national layer that nothing published, measured from outside the process: starts `safemap serve` on a
// catalogue with one seeded N-point GeoJSON layer (the file bench:build writes), polls /healthz every 20 ms from the
// start, waits for /readyz, then requests distinct cold tiles z6–z14 around Korean cities, 8 at a time. Prints the
// time to ready, /healthz p99 and max, tile statuses, p99 and max time and the largest raw tile, and the server's RSS.
// Usage: npm run bench:serve [-- --points 1000000 --tiles 320 --seed 20240119]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeSyntheticCctv } from './bench/synthetic_cctv.mjs';

const { values } = parseArgs({ options: { points: { type: 'string', default: '1000000' }, tiles: { type: 'string', default: '320' }, seed: { type: 'string', default: '20240119' } } });
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const points = Number(values.points);
const seed = Number(values.seed);

// The same cached file as bench:build, so both benchmarks read the same national layer.
const dataDir = path.join(os.tmpdir(), 'safemap-bench-build', `v4-${points}-${seed}`);
const data = path.join(dataDir, 'cctv.geojson');
if (!existsSync(data)) {
  mkdirSync(dataDir, { recursive: true });
  process.stderr.write(`writing ${points.toLocaleString('en')} seeded points to ${data} …\n`);
  await writeSyntheticCctv(`${data}.partial`, points, seed);
  renameSync(`${data}.partial`, data);
}
const work = mkdtempSync(path.join(os.tmpdir(), 'safemap-bench-serve-'));
const catalog = path.join(work, 'catalog.json');
writeFileSync(
  catalog,
  JSON.stringify({
    publish: { dir: path.join(work, 'tiles') },
    tilesets: [
      {
        id: 'national',
        title: { ko: '전국 CCTV', en: 'National CCTV' },
        layers: [{ id: 'cctv', title: { ko: 'CCTV', en: 'CCTV' }, geometry: 'point', source: { path: data }, properties: { 관리번호: 'string', 설치목적구분: 'string', 카메라대수: 'number', 설치연도: 'number' }, attribution: 'seeded synthetic data' }],
      },
    ],
  }),
);

const port = await freePort();
const started = performance.now();
const server = spawn(process.execPath, [path.join(root, 'packages/tile-server/bin/safemap.js'), 'serve', '--config', catalog, '--port', String(port), '--tile-rate', '0', '--rate-limit', '0'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
let log = '';
server.stderr.on('data', (chunk) => (log += chunk));
const base = `http://127.0.0.1:${port}`;
const health = [];
let polling = true;
const healthLoop = (async () => {
  while (polling) {
    const at = performance.now();
    try {
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      health.push(performance.now() - at);
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})();

let readySeconds;
while (readySeconds === undefined) {
  const ready = await fetch(`${base}/readyz`).then((response) => response.status === 200, () => false);
  if (ready) readySeconds = (performance.now() - started) / 1000;
  else if (server.exitCode !== null || performance.now() - started > 300_000) fail(`the server did not become ready:\n${log.slice(-2000)}`);
  else await new Promise((resolve) => setTimeout(resolve, 200));
}

const template = (await (await fetch(`${base}/tiles/national.json`)).json()).tiles[0];
const cities = [[126.978, 37.566], [129.075, 35.18], [128.601, 35.871], [127.385, 36.351], [126.853, 35.16]];
const candidates = new Map();
for (let z = 6; z <= 14; z++) {
  const n = 2 ** z;
  for (const [lon, lat] of cities) {
    const sin = Math.sin((lat * Math.PI) / 180);
    const x = Math.floor(((lon + 180) / 360) * n);
    const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n);
    for (let dx = -3; dx <= 3; dx++) for (let dy = -3; dy <= 3; dy++) if (x + dx >= 0 && y + dy >= 0 && x + dx < n && y + dy < n) candidates.set(`${z}/${x + dx}/${y + dy}`, [z, x + dx, y + dy]);
  }
}
const all = [...candidates.values()];
const wanted = Number(values.tiles);
const tiles = all.filter((_, index) => index % Math.max(1, Math.floor(all.length / wanted)) === 0).slice(0, wanted);
const statuses = {};
const times = [];
let largest = 0;
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < tiles.length) {
      const [z, x, y] = tiles[next++];
      const at = performance.now();
      const response = await fetch(template.replace('{z}', z).replace('{x}', x).replace('{y}', y), { headers: { 'accept-encoding': 'gzip' } });
      // fetch inflates the body: its length is the raw tile's.
      const body = await response.arrayBuffer();
      times.push(performance.now() - at);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status === 200) largest = Math.max(largest, body.byteLength);
    }
  }),
);
polling = false;
await healthLoop;
const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
const rssMB = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
const peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
server.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });

const errors = Object.entries(statuses).filter(([code]) => code !== '200' && code !== '204').reduce((sum, [, count]) => sum + count, 0);
const result = {
  bench: 'serve',
  points,
  readySeconds: round(readySeconds),
  health: { samples: health.length, p99Ms: round(percentile(health, 0.99)), maxMs: round(Math.max(...health)) },
  tiles: { requested: tiles.length, statuses, errors, p99Ms: round(percentile(times, 0.99)), maxMs: round(Math.max(...times)), largestRawBytes: largest },
  server: { rssMB: round(rssMB), peakRssMB: round(peakRssMB) },
  loadAverage1m: round(os.loadavg()[0]),
};
process.stderr.write(
  `ready after ${result.readySeconds} s; /healthz p99 ${result.health.p99Ms} ms, max ${result.health.maxMs} ms (${health.length} samples)\n` +
    `${tiles.length} cold tiles 8 at a time: ${JSON.stringify(statuses)}, ${errors} errors, p99 ${result.tiles.p99Ms} ms, max ${result.tiles.maxMs} ms, largest ${largest} bytes raw\n` +
    `server RSS ${result.server.rssMB} MB at the end (peak ${result.server.peakRssMB} MB; builds run in a child process)\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);

function percentile(numbers, p) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function round(value) {
  return Math.round(value * 10) / 10;
}

function fail(message) {
  server.kill('SIGKILL');
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}
