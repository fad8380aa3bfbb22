// Build benchmark on the user's path: a seeded national CCTV layer written to disk as GeoJSON, then
// `safemap build -f -z 14 -o OUT.pmtiles FILE` run as a child process exactly as a user types it, measured from outside
// (wall time, CPU time, peak RSS). With TIPPECANOE naming a tippecanoe binary, tippecanoe builds the same file in the
// same run, interleaved, and the ratios are printed. Prints a table, then one JSON line with every figure.
// Usage: npm run bench:build [-- --points 1000000 --seed 20240119 --runs 1 --file PATH --keep]
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { archiveStats } from './bench/archive_stats.mjs';
import { measureProcess, rssMethod } from './bench/measure_process.mjs';
import { cctvIdPattern, writeSyntheticCctv } from './bench/synthetic_cctv.mjs';

const usage = `Usage: npm run bench:build [-- options]

  --points N     seeded CCTV points to generate (default 1000000); the file is cached in ${path.join(os.tmpdir(), 'safemap-bench-build')}
  --seed S       generator seed (default 20240119)
  --runs N       builds per tool, interleaved; figures are medians (default 1)
  --file PATH    build this GeoJSON file instead of a generated one
  --keep         keep the output archives and print where they are
  TIPPECANOE=/path/to/tippecanoe   also build with tippecanoe in the same run and print ratios
`;
const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20240119' },
    runs: { type: 'string', default: '1' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const positiveInteger = (name) => {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${values[name]}"`);
  return value;
};
const seed = positiveInteger('seed');
const runs = positiveInteger('runs');
const maxZoom = 14;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const safemapBin = path.join(root, 'packages/tile-server/bin/safemap.js');
const tippecanoe = process.env.TIPPECANOE || undefined;
const log = (line) => process.stderr.write(`${line}\n`);

const input = values.file ? await givenFile(path.resolve(values.file)) : await generatedFile(positiveInteger('points'), seed);
const outDir = mkdtempSync(path.join(os.tmpdir(), 'safemap-bench-build-out-'));
const tools = [
  {
    name: 'safemap',
    command: `safemap build -f -z ${maxZoom} -o OUT.pmtiles FILE`,
    out: path.join(outDir, 'cctv.pmtiles'),
    run: (out) => measureProcess(process.execPath, [safemapBin, 'build', '-f', '-z', String(maxZoom), '-o', out, input.file], { node: true }),
  },
];
if (tippecanoe) {
  if (!existsSync(tippecanoe)) throw new Error(`TIPPECANOE=${tippecanoe}: no such file`);
  tools.push({
    name: 'tippecanoe',
    command: `tippecanoe -q -f -zg --drop-densest-as-needed -z${maxZoom} -o OUT.mbtiles FILE`,
    out: path.join(outDir, 'cctv.mbtiles'),
    run: (out) => measureProcess(tippecanoe, ['-q', '-f', '-zg', '--drop-densest-as-needed', `-z${maxZoom}`, '-o', out, input.file]),
  });
}

const loadBefore = os.loadavg()[0];
for (const tool of tools) tool.runs = [];
for (let i = 1; i <= runs; i++) {
  // Interleaved so that both tools see the same machine load.
  for (const tool of tools) {
    log(`run ${i}/${runs}: ${tool.name} …`);
    const result = await tool.run(tool.out).catch((error) => {
      log(`bench:build: ${tool.name} failed on ${input.file}\n${error.message}`);
      if (!values.keep) rmSync(outDir, { recursive: true, force: true });
      process.exit(1);
    });
    tool.runs.push(result);
    log(`  ${result.wallSeconds.toFixed(1)} s, peak RSS ${result.peakRssMB?.toFixed(0) ?? '?'} MB`);
  }
}
const loadAfter = os.loadavg()[0];
for (const tool of tools) {
  log(`reading ${path.basename(tool.out)} …`);
  // The id property tells each input point apart, so points repeated in tile buffers are counted once.
  const idOf = (properties) => {
    const match = cctvIdPattern.exec(String(properties['관리번호'] ?? ''));
    return match ? Number(match[1]) : undefined;
  };
  tool.archive = await archiveStats(tool.out, { expected: input.points, idOf });
  tool.median = {
    wallSeconds: median(tool.runs.map((r) => r.wallSeconds)),
    cpuSeconds: median(tool.runs.map((r) => r.cpuSeconds)),
    peakRssMB: median(tool.runs.map((r) => r.peakRssMB)),
  };
}
if (values.keep) log(`archives kept in ${outDir}`);
else rmSync(outDir, { recursive: true, force: true });

const [ours, theirs] = tools;
// CPU seconds are the steadier figure on a shared machine; wall time is what the user waits.
const ratioOf = (key) => (ours.median[key] !== null && theirs.median[key] !== null ? ours.median[key] / theirs.median[key] : null);
const ratio = theirs ? { wallSeconds: ratioOf('wallSeconds'), cpuSeconds: ratioOf('cpuSeconds'), peakRssMB: ratioOf('peakRssMB') } : null;
printTable();
process.stdout.write(
  `${JSON.stringify({
    bench: 'build',
    input: { file: input.file, bytes: input.bytes, points: input.points, seed: input.seed, generated: input.generated },
    runs,
    rssMethod,
    machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: { before: loadBefore, after: loadAfter } },
    tools: Object.fromEntries(tools.map((t) => [t.name, { command: t.command, runs: t.runs, median: t.median, ...t.archive }])),
    ratio,
  })}\n`,
);

function printTable() {
  const n = (value, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? '?' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const rows = [['', 'wall s', 'CPU s', 'peak RSS MB', 'output MB', 'tiles', 'largest tile (raw)', 'points at max zoom']];
  for (const tool of tools) {
    const a = tool.archive;
    const z = a.maxZoom;
    const ids = z.uniqueIds > 0 ? `, ${n(z.uniqueIds, 0)} ids` : '';
    rows.push([
      `${tool.name} (${path.extname(tool.out)})`,
      n(tool.median.wallSeconds),
      n(tool.median.cpuSeconds),
      n(tool.median.peakRssMB, 0),
      n(a.outputBytes / 2 ** 20),
      n(a.tiles, 0),
      `${n(a.largestTileBytes / 1024, 0)} KB ${a.largestTile ?? ''}`,
      `z${z.zoom}: ${n(z.pointsInExtent, 0)} / ${n(input.points, 0)}${ids}`,
    ]);
  }
  if (ratio) rows.push(['safemap / tippecanoe', `${n(ratio.wallSeconds, 2)}×`, `${n(ratio.cpuSeconds, 2)}×`, `${n(ratio.peakRssMB, 2)}×`, '', '', '', '']);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const source = input.generated ? `seeded CCTV points, seed ${input.seed}` : 'features';
  process.stdout.write(
    `\nsafemap build -f -z ${maxZoom} on ${input.file}: ${n(input.points, 0)} ${source}, ${n(input.bytes / 2 ** 20)} MB GeoJSON\n` +
      `${runs === 1 ? '1 run' : `median of ${runs} interleaved runs`}; peak RSS of the build process (all threads) by ${rssMethod === 'gnu-time' ? '/usr/bin/time' : 'the process itself'}; 1-min load ${n(loadBefore, 2)} → ${n(loadAfter, 2)} on ${os.cpus().length} CPUs\n\n` +
      rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n') +
      '\n\n',
  );
  if (runs > 1) for (const tool of tools) process.stdout.write(`${tool.name} wall s per run: ${tool.runs.map((r) => n(r.wallSeconds)).join(', ')}\n`);
  const targets = { 1_000_000: 600, 10_000_000: 1536 }[input.points];
  if (targets) {
    const z = ours.archive.maxZoom;
    const mark = (ok) => (ok ? 'met' : 'NOT met');
    process.stdout.write(
      `targets at ${n(input.points, 0)} points: peak RSS ≤ ${targets} MB ${mark(ours.median.peakRssMB <= targets)}; ` +
        `every point at z${maxZoom} ${mark(z.zoom === maxZoom && z.pointsInExtent === input.points)}; largest tile ≤ 500 KB raw ${mark(ours.archive.largestTileBytes <= 500 * 1024)}` +
        (ratio && input.points === 1_000_000 ? `; time ≤ 0.3× tippecanoe ${mark(ratio.wallSeconds <= 0.3)}` : '') +
        '\n\n',
    );
  }
}

function median(numbers) {
  if (numbers.some((value) => value === null || value === undefined)) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The seeded file for (points, seed), generated once into the temp folder and reused by later runs. */
async function generatedFile(points, seed) {
  // The generator's version is part of the key: a changed generator must not reuse an old file.
  const dir = path.join(os.tmpdir(), 'safemap-bench-build', `v4-${points}-${seed}`);
  const file = path.join(dir, 'cctv.geojson');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    log(`writing ${points.toLocaleString('en')} seeded points to ${file} …`);
    const started = performance.now();
    const partial = `${file}.partial`;
    await writeSyntheticCctv(partial, points, seed);
    // Renamed only once complete, so an interrupted run never leaves a truncated file to be reused.
    renameSync(partial, file);
    log(`  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { file, bytes: statSync(file).size, points, seed, generated: true };
}

/** A GeoJSON file given with --file; its features are counted by their `"Feature"` type members, streamed. */
async function givenFile(file) {
  const needle = Buffer.from('"Feature"');
  let points = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    const data = Buffer.concat([tail, chunk]);
    for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + needle.length)) points++;
    // Keep a needle's length minus one so a match split across chunks is found, and never counted twice.
    tail = data.subarray(data.length - (needle.length - 1));
  }
  if (points === 0) throw new Error(`${file}: no GeoJSON features found`);
  return { file, bytes: statSync(file).size, points, seed: null, generated: false };
}
