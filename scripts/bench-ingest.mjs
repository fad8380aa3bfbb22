// Streaming GeoJSON ingest: time and peak RSS for a large one-line and pretty-printed FeatureCollection, against a
// bare byte read of the same file measured in the same run, so the ratio is comparable across machines.
// Usage: npm run build && node scripts/bench-ingest.mjs [--size-mb 1024] [--ingest-mb 200] [--rounds 1] [--keep]
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '1024' },
    'ingest-mb': { type: 'string', default: '200' },
    rounds: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'packages/tile-server/dist/ingest');
const dir = mkdtempSync(path.join(tmpdir(), 'safemap-bench-ingest-'));
const rounds = Number(values.rounds);

/** Seeded points around Korean cities with the 2022 CCTV fields, written until the file reaches `bytes`. */
async function writeGeojson(file, bytes, pretty) {
  const out = createWriteStream(file);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cities = [[126.978, 37.566], [129.075, 35.18], [128.601, 35.871], [126.705, 37.456], [126.851, 35.16], [127.385, 36.35]];
  const purposes = ['생활방범', '어린이보호', '교통단속', '쓰레기단속', '시설물관리', '재난재해', '차량방범', '다목적', '기타'];
  let written = 0;
  const write = async (text) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(pretty ? '{\n  "type": "FeatureCollection",\n  "features": [\n' : '{"type":"FeatureCollection","features":[');
  for (let i = 0; written < bytes; i += 1) {
    const [lon, lat] = cities[i % cities.length];
    const feature = {
      type: 'Feature',
      properties: { 번호: i + 1, 관리기관명: '부산광역시 중구청', 설치목적구분: purposes[i % purposes.length], 카메라대수: 1 + (i % 4), 소재지도로명주소: `중앙대로 ${i % 900}`, 데이터기준일자: '2026-06-01' },
      geometry: { type: 'Point', coordinates: [+(lon + (random() - 0.5) * 0.2).toFixed(7), +(lat + (random() - 0.5) * 0.2).toFixed(7)] },
    };
    await write((i === 0 ? '' : pretty ? ',\n' : ',') + (pretty ? JSON.stringify(feature, null, 2).replace(/^/gm, '    ') : JSON.stringify(feature)));
  }
  await write(pretty ? '\n  ]\n}\n' : ']}');
  out.end();
  await once(out, 'finish');
}

const child = {
  raw: `const fs = await import('node:fs'); let n = 0; for await (const c of fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 })) n += c.length; process.stdout.write(JSON.stringify({ n }));`,
  stream: `const { streamGeojsonFeatures } = await import(${JSON.stringify(path.join(dist, 'stream_geojson_features.js'))}); let n = 0; for await (const batch of streamGeojsonFeatures(process.argv[1], 'utf-8')) n += batch.length; process.stdout.write(JSON.stringify({ n }));`,
  ingest: `const { ingestFiles } = await import(${JSON.stringify(path.join(dist, 'ingest_files.js'))}); const r = await ingestFiles([process.argv[1]]); process.stdout.write(JSON.stringify({ n: r.features.length, problems: r.problems.length }));`,
};

function measure(kind, file) {
  const script = `${child[kind]}\nprocess.stdout.write('\\n' + process.resourceUsage().maxRSS);`;
  const started = process.hrtime.bigint();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [json, rss] = out.split('\n');
  return { seconds, peakRssMb: Number(rss) / 1024, ...JSON.parse(json) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 1) => x.toFixed(digits);

try {
  const sizeMb = Number(values['size-mb']);
  const ingestMb = Number(values['ingest-mb']);
  for (const pretty of [false, true]) {
    const file = path.join(dir, pretty ? 'pretty.geojson' : 'one-line.geojson');
    await writeGeojson(file, sizeMb * 1024 * 1024, pretty);
    const size = statSync(file).size / 1024 / 1024;
    const raw = [];
    const stream = [];
    for (let round = 0; round < rounds; round += 1) {
      raw.push(measure('raw', file));
      stream.push(measure('stream', file));
    }
    const features = stream[0].n;
    process.stdout.write(
      `${pretty ? 'pretty-printed' : 'one-line'} ${fmt(size, 0)} MB, ${features} features: ` +
        `stream ${fmt(median(stream.map((r) => r.seconds)))} s (${fmt(size / median(stream.map((r) => r.seconds)), 0)} MB/s), peak RSS ${fmt(median(stream.map((r) => r.peakRssMb)), 0)} MB; ` +
        `bare byte read ${fmt(median(raw.map((r) => r.seconds)))} s, peak RSS ${fmt(median(raw.map((r) => r.peakRssMb)), 0)} MB; ` +
        `time ratio ${fmt(median(stream.map((r) => r.seconds)) / median(raw.map((r) => r.seconds)), 2)}, RSS/file ${fmt(median(stream.map((r) => r.peakRssMb)) / size, 3)}\n`,
    );
    if (!values.keep) rmSync(file);
  }
  // Full ingest keeps every accepted feature, so its memory follows the features, not the file.
  const file = path.join(dir, 'ingest.geojson');
  await writeGeojson(file, ingestMb * 1024 * 1024, false);
  const size = statSync(file).size / 1024 / 1024;
  const runs = Array.from({ length: rounds }, () => measure('ingest', file));
  process.stdout.write(
    `ingestFiles ${fmt(size, 0)} MB one-line: ${runs[0].n} features accepted in ${fmt(median(runs.map((r) => r.seconds)))} s, peak RSS ${fmt(median(runs.map((r) => r.peakRssMb)), 0)} MB\n`,
  );
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
