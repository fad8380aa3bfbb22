// Cached-tile throughput of SafeMap against bare node:http serving the same bytes, measured interleaved.
// Usage: npm run bench [-- --rounds 5 --seconds 5 --connections 50]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { getRaw } from './bench/get_raw.mjs';
import { median, startChild } from './bench/child_server.mjs';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '5' }, connections: { type: 'string', default: '50' } },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const safemap = await startChild(
  process.execPath,
  [path.join(root, 'packages/tile-server/dist/bin/safemap-server.js'), '--config', path.join(root, 'examples/busan/catalog.json'), '--port', '0'],
  /localhost:(\d+)/,
);

// Central Busan at z12–z14: tiles a resident's phone actually asks for.
const paths = [];
for (const [z, x0, y0, span] of [[12, 3515, 1620, 3], [13, 7031, 3241, 4], [14, 14063, 6483, 5]]) {
  for (let x = x0; x < x0 + span; x++) for (let y = y0; y < y0 + span; y++) paths.push(`/tiles/busan/${z}/${x}/${y}.mvt`);
}
// Fetch each tile once with gzip (this also warms SafeMap's cache) and keep the non-empty ones' exact bytes.
const fetched = await Promise.all(paths.map((tilePath) => getRaw(`${safemap.url}${tilePath}`)));
const raw = fetched.filter((tile) => tile.status === 200).map((tile) => ({ path: tile.path, body: tile.body.toString('base64') }));
const file = path.join(mkdtempSync(path.join(tmpdir(), 'safemap-bench-')), 'tiles.json');
writeFileSync(file, JSON.stringify(raw));
const bare = await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), file], /listening (\d+)/);

const totalBytes = raw.reduce((sum, tile) => sum + Buffer.from(tile.body, 'base64').length, 0);
process.stdout.write(`${raw.length} cached tiles (${(totalBytes / raw.length / 1024).toFixed(1)} KB gzip on average), ${connections} connections, ${rounds} rounds × ${seconds} s each, interleaved\n`);

const run = (url, duration = seconds) =>
  autocannon({
    url,
    connections,
    duration,
    requests: raw.map((tile) => ({ method: 'GET', path: tile.path, headers: { 'accept-encoding': 'gzip' } })),
  });

// A short unmeasured run of each first, so neither is measured while its JIT warms up.
await run(safemap.url, 1);
await run(bare.url, 1);

const results = { safemap: [], bare: [] };
for (let round = 0; round < rounds; round++) {
  // Alternate which server goes first so drift on a noisy machine hits both equally.
  const order = round % 2 === 0 ? ['safemap', 'bare'] : ['bare', 'safemap'];
  for (const name of order) {
    const result = await run(name === 'safemap' ? safemap.url : bare.url);
    const failures = result.errors + result.timeouts + result.non2xx;
    results[name].push({ rps: result.requests.average, p99: result.latency.p99, failures });
    process.stdout.write(`round ${round + 1} ${name.padEnd(8)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(4)} ms  failures ${failures}\n`);
  }
}
await Promise.all([safemap.stop(), bare.stop()]);

const summary = (name) => ({ rps: median(results[name].map((r) => r.rps)), p99: median(results[name].map((r) => r.p99)) });
const a = summary('safemap');
const b = summary('bare');
process.stdout.write(`\nmedian  SafeMap          ${a.rps.toFixed(0)} req/s  p99 ${a.p99} ms\n`);
process.stdout.write(`median  bare node:http   ${b.rps.toFixed(0)} req/s  p99 ${b.p99} ms\n`);
process.stdout.write(`ratio   SafeMap / bare   ${(a.rps / b.rps).toFixed(2)}× throughput, ${(a.p99 / Math.max(b.p99, 1)).toFixed(2)}× p99\n`);
