import { execFile, execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGeojson, readNdjson } from '../../packages/tile-server/src/ingest/read_geojson.js';
import type { RawRecord } from '../../packages/tile-server/src/ingest/record_stage.js';
import type { SourceReader } from '../../packages/tile-server/src/ingest/source_reader.js';

const feature = (i: number) => ({ type: 'Feature', properties: { name: `대피소 ${i}` }, geometry: { type: 'Point', coordinates: [127 + i / 1000, 37.5] } });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A named pipe proves streaming structurally: the reader must hand out the first feature while the writer has not
 * yet written the end of the file, which a read-everything-then-parse reader cannot do.
 */
async function firstFeatureBeforeEnd(name: string, head: string, tail: string, read: SourceReader): Promise<void> {
  const fifo = path.join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const records: RawRecord[] = [];
  let sawFirst: () => void = () => {};
  const first = new Promise<void>((resolve) => (sawFirst = resolve));
  const reading = read(fifo, { encoding: 'utf-8' }, (record) => {
    records.push(record);
    sawFirst();
  });
  const writer = createWriteStream(fifo);
  writer.write(head);
  await first;
  expect(records[0]).toMatchObject({ origin: 0, properties: { name: '대피소 0' } });
  writer.end(tail);
  await once(writer, 'finish');
  await reading;
  expect(records.map((record) => record.properties.name)).toEqual(['대피소 0', '대피소 1', '대피소 2']);
}

describe('GeoJSON is streamed', () => {
  it('one-line FeatureCollection: the first feature arrives before the file ends', async () => {
    const [a, b, c] = [0, 1, 2].map((i) => JSON.stringify(feature(i)));
    await firstFeatureBeforeEnd('one-line.geojson', `{"type":"FeatureCollection","features":[${a},${b!.slice(0, 20)}`, `${b!.slice(20)},${c}]}`, readGeojson);
  });

  it('pretty-printed FeatureCollection: the same', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [0, 1, 2].map(feature) }, null, 2);
    const cut = text.indexOf('"Feature"', text.indexOf('대피소 0')) + 3;
    await firstFeatureBeforeEnd('pretty.geojson', text.slice(0, cut), text.slice(cut), readGeojson);
  });

  it('newline-delimited GeoJSON: the same', async () => {
    const lines = [0, 1, 2].map((i) => JSON.stringify(feature(i)));
    await firstFeatureBeforeEnd('lines.ndjson', `${lines[0]}\n${lines[1]!.slice(0, 10)}`, `${lines[1]!.slice(10)}\n${lines[2]}\n`, readNdjson);
  });

  it('a 32 MB one-line file is ingested by a process whose heap is capped at 24 MB', async () => {
    const file = path.join(dir, 'big.geojson');
    const out = createWriteStream(file);
    const note = 'x'.repeat(32_000);
    out.write('{"type":"FeatureCollection","features":[');
    for (let i = 0; i < 1000; i += 1) {
      // Point features read into a polygon layer: each is reported, none is kept, so memory shows only the reader.
      const chunk = `${i === 0 ? '' : ','}{"type":"Feature","properties":{"i":${i},"note":"${note}"},"geometry":{"type":"Point","coordinates":[127.${i},37.5]}}`;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end(']}');
    await once(out, 'finish');
    const ingest = path.join(import.meta.dirname, '..', '..', 'packages', 'tile-server', 'dist', 'ingest', 'ingest_files.js');
    const script = `const { ingestFiles } = await import(${JSON.stringify(ingest)});
const result = await ingestFiles([${JSON.stringify(file)}], { geometry: 'polygon' });
process.stdout.write(JSON.stringify({ rows: result.sources[0].rows, problems: result.problems.length }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', script], { maxBuffer: 1 << 20 });
    expect(JSON.parse(stdout)).toEqual({ rows: 1000, problems: 1000 });
  });

  it('a 64 MB CSV is decoded and parsed in pieces, by a process whose heap is capped at 24 MB', async () => {
    const file = path.join(dir, 'big.csv');
    const out = createWriteStream(file);
    // Korean text is held as two bytes a character: one 32 MB share of this file as a string would not fit the heap.
    const note = '한'.repeat(10_000);
    out.write('name,lat,lon,note\r\n');
    // Rows with no position are reported, not kept, so memory shows only the reader.
    for (let i = 0; i < 2000; i += 1) if (!out.write(`row ${i},,,${note}\r\n`)) await once(out, 'drain');
    for (let i = 0; i < 100; i += 1) out.write(`대피소 ${i},35.${1000 + i},129.${1000 + i},비고\r\n`);
    out.end();
    await once(out, 'finish');
    const ingest = path.join(import.meta.dirname, '..', '..', 'packages', 'tile-server', 'dist', 'ingest', 'ingest_files.js');
    const script = `const { ingestFiles } = await import(${JSON.stringify(ingest)});
const result = await ingestFiles([${JSON.stringify(file)}]);
const kept = result.features;
process.stdout.write(JSON.stringify({ rows: result.sources[0].rows, problems: result.problems.length, kept: kept.length, first: kept[0].properties.name, firstLine: kept[0].origin.line, last: kept[kept.length - 1].properties.name }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=24', '--input-type=module', '-e', script], { maxBuffer: 1 << 20 });
    expect(JSON.parse(stdout)).toEqual({ rows: 2100, problems: 2000, kept: 100, first: '대피소 0', firstLine: 2002, last: '대피소 99' });
  });

  it('a file read by several threads gives the same records, in the same order, as one thread', async () => {
    const file = path.join(dir, 'parts.geojson');
    const out = createWriteStream(file);
    out.write('{"type":"FeatureCollection","name":"x","features":[\n');
    for (let i = 0; i < 5000; i += 1) out.write(`${i === 0 ? '' : ',\n'}${JSON.stringify({ ...feature(i), properties: { name: `대피소 ${i}`, note: 'a "quoted" } brace \\\\ and [bracket' } })}`);
    out.end('\n],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}}');
    await once(out, 'finish');
    const whole: unknown[] = [];
    await readGeojson(file, {}, (record) => whole.push([record.origin, record.properties.name]));
    const parts: unknown[] = [];
    for (let index = 0; index < 3; index += 1) await readGeojson(file, {}, (record) => parts.push([record.origin, record.properties.name]), { index, count: 3 });
    expect(whole).toHaveLength(5000);
    expect(parts).toEqual(whole);
  });
});
