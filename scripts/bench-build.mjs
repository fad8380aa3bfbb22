// Build speed: a seeded synthetic national CCTV layer (1,000,000 points, z0–z14) to PMTiles, in a fresh process so
// the peak RSS is the build's own. Also compares, on a subset in the same run, interleaved, the same work done two
// ways — cut every tile z0–z14 and gzip it, in one thread: a naive geojson-vt + vt-pbf loop (the baseline) and
// SafeMap's point path — and prints medians and the ratio.
// Usage: npm run bench:build [-- --points 1000000 --runs 1 --baseline-points 50000 --baseline-runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '1' },
    'baseline-points': { type: 'string', default: '20000' },
    'baseline-runs': { type: 'string', default: '3' },
    child: { type: 'string' },
    out: { type: 'string' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => path.join(root, 'packages/tile-server/dist', file);

if (values.child) {
  // One measured build in this process; prints one JSON line.
  const { syntheticCctv } = await import('./bench/synthetic_cctv.mjs');
  const { buildArchive } = await import(dist('build/build_archive.js'));
  const { silentProgress } = await import(dist('build/progress.js'));
  const count = Number(values.points);
  const features = syntheticCctv(count);
  const layer = { id: 'cctv', minzoom: 0, maxzoom: 14, features };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let result;
  if (values.child === 'safemap') {
    result = await buildArchive([layer], values.out, 'pmtiles', { name: 'cctv', generatorOptions: 'bench', sources: [] }, silentProgress);
  } else if (values.child === 'points') {
    result = await pointPath(layer, values.out);
  } else {
    result = await naiveBuild(layer, values.out);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU seconds of every thread (workers included): a figure that holds up when other work shares the machine.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, peakRssMB: process.resourceUsage().maxRSS / 1024, tiles: result.tiles, maxTileBytes: result.largest?.bytes ?? 0 })}\n`);
  process.exit(0);
}

/** The baseline: geojson-vt over all points, every non-empty tile z0–z14 encoded with vt-pbf and gzipped. */
async function naiveBuild(layer, out) {
  const { GeoJSONVT } = await import('@maplibre/geojson-vt');
  const { fromGeojsonVt } = await import('@maplibre/vt-pbf');
  const { gzipSync } = await import('node:zlib');
  const { writeFileSync } = await import('node:fs');
  const index = new GeoJSONVT({ type: 'FeatureCollection', features: layer.features.map((f) => ({ type: 'Feature', ...f })) }, { maxZoom: 14, indexMaxZoom: 14, indexMaxPoints: 0 });
  let tiles = 0;
  let largest = 0;
  let bytes = 0;
  // geojson-vt keeps its pre-sliced tiles (all of them, with indexMaxZoom 14 and indexMaxPoints 0) in its tile index.
  const sliced = (index.tileIndex ?? index).tiles;
  if (!sliced) throw new Error('geojson-vt no longer exposes its tile index; the baseline needs updating');
  for (const key of Object.keys(sliced)) {
    const tile = sliced[key];
    const data = gzipSync(fromGeojsonVt({ cctv: index.getTile(tile.z, tile.x, tile.y) }, { version: 2 }));
    tiles++;
    bytes += data.length;
    largest = Math.max(largest, data.length);
  }
  writeFileSync(out, String(bytes));
  return { tiles, largest: { bytes: largest } };
}

/** SafeMap's point path doing the baseline's work: every tile cut and gzipped in one thread, nothing written. */
async function pointPath(layer, out) {
  const { buildTiles } = await import(dist('build/build_tiles.js'));
  const { gzipTile } = await import(dist('build/gzip_tile.js'));
  const { writeFileSync } = await import('node:fs');
  const { tiles, stats } = buildTiles([layer]);
  let bytes = 0;
  for (const tile of tiles) bytes += gzipTile(tile.data).length;
  writeFileSync(out, String(bytes));
  return { tiles: tiles.length, largest: stats.largest };
}

function runChild(kind, points) {
  const dir = mkdtempSync(path.join(tmpdir(), 'safemap-bench-build-'));
  const out = path.join(dir, 'cctv.pmtiles');
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--points', String(points), '--out', out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`${kind} build failed:\n${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1));
  result.outputBytes = statSync(out).size;
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

// Baseline comparison on a subset, interleaved so both see the same machine load.
const subset = Number(values['baseline-points']);
const naive = [];
const ours = [];
for (let i = 0; i < Number(values['baseline-runs']); i++) {
  naive.push(runChild('naive', subset));
  ours.push(runChild('points', subset));
}
const summary = (runs) => ({ seconds: median(runs.map((r) => r.seconds)), cpu: median(runs.map((r) => r.cpuSeconds)), rss: median(runs.map((r) => r.peakRssMB)) });
const n = summary(naive);
const o = summary(ours);
process.stdout.write(
  `cut and gzip every tile z0–z14 of ${subset.toLocaleString('en')} points, one thread, median of ${naive.length}:\n` +
    `  naive geojson-vt + vt-pbf loop  ${n.seconds.toFixed(2)} s (${n.cpu.toFixed(2)} s CPU), ${n.rss.toFixed(0)} MB\n` +
    `  safemap point path              ${o.seconds.toFixed(2)} s (${o.cpu.toFixed(2)} s CPU), ${o.rss.toFixed(0)} MB\n` +
    `  ratio: ${(n.seconds / o.seconds).toFixed(1)}× faster (${(n.cpu / o.cpu).toFixed(1)}× less CPU)\n`,
);

const points = Number(values.points);
const full = Array.from({ length: Number(values.runs) }, () => runChild('safemap', points));
const seconds = median(full.map((r) => r.seconds));
const rss = median(full.map((r) => r.peakRssMB));
process.stdout.write(
  `national CCTV, ${points.toLocaleString('en')} points, z0–z14 → PMTiles (median of ${full.length}): ` +
    `${seconds.toFixed(1)} s (${median(full.map((r) => r.cpuSeconds)).toFixed(1)} s of CPU), peak RSS ${rss.toFixed(0)} MB, output ${mb(full[0].outputBytes)} MB, ${full[0].tiles} tiles, max tile ${(full[0].maxTileBytes / 1024).toFixed(0)} KB\n` +
    `target: ≤ 20 s, ≤ 1024 MB, max tile ≤ 500 KB → ${seconds <= 20 && rss <= 1024 && full[0].maxTileBytes <= 500 * 1024 ? 'met' : 'NOT met'}\n`,
);
