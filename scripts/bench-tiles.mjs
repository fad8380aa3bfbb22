// Cached-tile throughput of one SafeMap process against bare node:http serving the same bytes from memory, measured
// in interleaved rounds over several fresh starts of every server: once with exactly SafeMap's tile headers (the cost
// of finding the tile) and once with only Content-Type, Content-Length and Content-Encoding (the cost of everything,
// headers included).
// Usage: npm run bench [-- --starts 3 --rounds 3 --seconds 5 --connections 50]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getRaw } from './bench/get_raw.mjs';
import { median, startChild } from './bench/child_server.mjs';
import { cpuPinning, loadGenerator, runLoad } from './bench/load_runner.mjs';

const { values } = parseArgs({
  options: {
    starts: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
  },
});
const starts = Number(values.starts);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = mkdtempSync(path.join(tmpdir(), 'safemap-bench-'));
const pinning = cpuPinning();
const names = ['SafeMap', 'bare, same headers', 'bare, CT/CL/CE only'];

/**
 * One start of every server, measured in interleaved rounds. How fast node serves depends on what its JIT learned
 * while the process started, and that differs from one start to the next by more than the rounds of one start
 * differ, so the benchmark starts every server afresh several times and reports the median over starts.
 */
async function measureStart(start) {
  const safemap = await startChild(
    process.execPath,
    // One process, limits off: the benchmark measures serving, not the limiter's answer to one very busy client.
    [path.join(root, 'packages/tile-server/dist/bin/safemap-server.js'), '--config', path.join(root, 'examples/busan/catalog.json'), '--port', '0', '--workers', '1', '--tile-rate', '0'],
    /localhost:(\d+)/,
    {},
    pinning?.server,
  );
  const children = [safemap];
  try {
    // Central Busan at z12–z14: tiles a resident's phone actually asks for.
    const paths = [];
    for (const [z, x0, y0, span] of [[12, 3515, 1620, 3], [13, 7031, 3241, 4], [14, 14063, 6483, 5]]) {
      for (let x = x0; x < x0 + span; x++) for (let y = y0; y < y0 + span; y++) paths.push(`/tiles/busan/${z}/${x}/${y}.mvt`);
    }
    // A server in service answers more than tiles: a browser reads the page, catalogue, TileJSON and style, a load
    // balancer polls health. Those requests go through Express and can change how fast node serves every later one, so
    // they are made first, as they would be.
    for (let i = 0; i < 20; i++) {
      for (const page of ['/', '/catalog', '/tiles/busan.json', '/styles/busan.json', '/healthz']) {
        const answer = await fetch(`${safemap.url}${page}`);
        if (answer.status !== 200) throw new Error(`${page} answered ${answer.status}`);
        await answer.arrayBuffer();
      }
    }
    // Fetch each tile once with gzip (this also warms SafeMap's cache) and keep the non-empty ones' exact bytes.
    const fetched = await Promise.all(paths.map((tilePath) => getRaw(`${safemap.url}${tilePath}`)));
    const tiles = fetched.filter((tile) => tile.status === 200);
    const tilesFile = path.join(work, 'tiles.json');
    writeFileSync(tilesFile, JSON.stringify(tiles.map((tile) => ({ path: tile.path, body: tile.body.toString('base64'), etag: tile.headers.etag }))));
    // SafeMap's own tile headers, minus what node adds itself and what differs per tile.
    const perTile = new Set(['date', 'connection', 'keep-alive', 'content-length', 'content-type', 'content-encoding', 'etag']);
    const raw = tiles[0].rawHeaders;
    const same = [];
    for (let i = 0; i < raw.length; i += 2) if (!perTile.has(raw[i].toLowerCase())) same.push(raw[i], raw[i + 1]);
    const headersFile = path.join(work, 'headers.json');
    writeFileSync(headersFile, JSON.stringify(same));
    const bareSame = await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), tilesFile, headersFile], /listening (\d+)/, {}, pinning?.server);
    children.push(bareSame);
    const bareMin = await startChild(process.execPath, [path.join(root, 'scripts/bench/bare_tile_server.mjs'), tilesFile], /listening (\d+)/, {}, pinning?.server);
    children.push(bareMin);

    if (start === 0) {
      const kb = tiles.reduce((sum, tile) => sum + tile.body.length, 0) / tiles.length / 1024;
      process.stdout.write(`${tiles.length} cached tiles (${kb.toFixed(1)} KB gzip on average), ${connections} connections, ${starts} starts × ${rounds} rounds × ${seconds} s each, interleaved, ${loadGenerator()}\n`);
      process.stdout.write(pinning ? `each server pinned to CPU ${pinning.server}, the load generator to CPU ${pinning.load} (taskset)\n` : 'servers and load generator share the CPUs (no taskset or one CPU)\n');
      process.stdout.write(`SafeMap tile headers (${same.length / 2} besides Date/Connection/Content-*/ETag): ${same.filter((_, i) => i % 2 === 0).join(', ')}\n`);
    }

    const targets = { SafeMap: safemap.url, 'bare, same headers': bareSame.url, 'bare, CT/CL/CE only': bareMin.url };
    const run = (name, duration = seconds) => runLoad({ url: targets[name], paths: tiles.map((tile) => tile.path), connections, seconds: duration, cpus: pinning?.load });
    // A short unmeasured run of each first, so none is measured while its JIT warms up.
    for (const name of names) await run(name, 1);

    const results = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate which server goes first so drift on a noisy machine hits all of them equally.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const result = await run(name);
        results[name].push(result);
        process.stdout.write(`start ${start + 1} round ${round + 1} ${name.padEnd(20)} ${result.rps.toFixed(0).padStart(7)} req/s  p99 ${result.p99.toFixed(2).padStart(6)} ms  failures ${result.failures}\n`);
      }
    }
    return results;
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

try {
  const byStart = [];
  for (let start = 0; start < starts; start++) {
    const results = await measureStart(start);
    byStart.push(results);
    // The median of per-round ratios: each round's servers ran minutes apart at most, on the same core.
    const ratios = names.slice(1).map((name) => median(results.SafeMap.map((r, i) => r.rps / results[name][i].rps)));
    process.stdout.write(`start ${start + 1}: SafeMap / bare, same headers ${ratios[0].toFixed(3)}×, / bare, CT/CL/CE only ${ratios[1].toFixed(3)}×\n`);
  }
  const all = (name) => byStart.flatMap((results) => results[name]);
  const summary = (name) => ({ rps: median(all(name).map((r) => r.rps)), p99: median(all(name).map((r) => r.p99)) });
  process.stdout.write('\n');
  for (const name of names) {
    const s = summary(name);
    process.stdout.write(`median  ${name.padEnd(20)} ${s.rps.toFixed(0).padStart(7)} req/s  p99 ${s.p99.toFixed(2)} ms  (all rounds of all starts)\n`);
  }
  const a = summary('SafeMap');
  for (const name of names.slice(1)) {
    const b = summary(name);
    const perStart = byStart.map((results) => median(results.SafeMap.map((r, i) => r.rps / results[name][i].rps)));
    process.stdout.write(
      `ratio   SafeMap / ${name.padEnd(20)} ${median(perStart).toFixed(3)}× throughput, median over ${starts} starts (${perStart.map((r) => r.toFixed(3)).join(', ')}); ` +
        `${(a.rps / b.rps).toFixed(3)}× of the medians of all rounds, ${(a.p99 / Math.max(b.p99, 0.001)).toFixed(2)}× p99\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
