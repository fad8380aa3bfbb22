import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ogr2ogr } from '../helpers/gdal.js';
import { writeZip } from '../helpers/write_zip.js';

const bin = fileURLToPath(new URL('../../packages/tile-server/bin/safemap.js', import.meta.url));
const real = fileURLToPath(new URL('../fixtures/ingest/real/', import.meta.url));

function safemap(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
}

let dir: string;
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-formats-cli-'));
  const shelters = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { 이름: '해운대구청 대피소', 수용인원: 120 }, geometry: { type: 'Point', coordinates: [129.1635, 35.1631] } },
      { type: 'Feature', properties: { 이름: '광안리 민방위 대피소', 수용인원: 800 }, geometry: { type: 'Point', coordinates: [129.1186, 35.1532] } },
    ],
  };
  await writeFile(at('src.geojson'), JSON.stringify(shelters));
  ogr2ogr(['-f', 'ESRI Shapefile', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:5186', '-lco', 'ENCODING=CP949', at('shelters.shp'), at('src.geojson')]);
  const parts = await Promise.all(['shp', 'shx', 'dbf', 'prj'].map(async (extension) => ({ name: `shelters.${extension}`, data: await readFile(at(`shelters.${extension}`)) })));
  await writeFile(at('대피소.zip'), writeZip([...parts, { name: 'shelters.cst', data: 'EUC-KR' }]));
  ogr2ogr(['-f', 'XLSX', '-nln', 'takamatsu', '-oo', 'AUTODETECT_TYPE=YES', at('takamatsu.xlsx'), path.join(real, 'takamatsu-shelters.csv')]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each test spawns the real command one to three times: on a loaded two-core machine a build alone can take 30 s.
const spawnTimeoutMs = 120_000;

describe('safemap with the new formats, as documented', () => {
  it('build -o out.pmtiles file.zip: a zipped CP949 shapefile in EPSG:5186 becomes tiles, with no flags', async () => {
    const run = safemap(['build', '-o', at('out.pmtiles'), at('대피소.zip')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const metadata = JSON.parse(safemap(['inspect', at('out.pmtiles')]).stdout) as { bounds: number[]; vector_layers: Array<{ id: string; fields: Record<string, string> }> };
    expect(metadata.vector_layers[0]!.id).toBe('대피소');
    expect(metadata.vector_layers[0]!.fields).toMatchObject({ 이름: 'String', 수용인원: 'Number' });
    // The two shelters' own positions, back from EPSG:5186 through the .prj.
    metadata.bounds.forEach((value, index) => expect(value).toBeCloseTo([129.1186, 35.1532, 129.1635, 35.1631][index]!, 6));
  }, spawnTimeoutMs);

  it('validate file.xlsx: reads the first sheet and reports the sheet, exit 0', () => {
    const run = safemap(['validate', at('takamatsu.xlsx')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${at('takamatsu.xlsx')}: xlsx, utf-8, EPSG:4326; 193 rows read, 193 accepted, 0 quarantined`);
    expect(run.stdout).toContain('  read sheet "takamatsu" (1 of 1)');
  }, spawnTimeoutMs);

  it('validate reports a sniffed Shift_JIS file; --encoding and --sheet are checked; an unknown format ends with ogr2ogr', async () => {
    const sniffed = safemap(['validate', '--json', path.join(real, 'takamatsu-shelters-sjis.csv')]);
    expect(sniffed.status).toBe(0);
    expect(JSON.parse(sniffed.stdout).sources[0].encoding).toBe('cp932');
    const unknown = safemap(['validate', '--encoding', 'klingon', at('takamatsu.xlsx')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--encoding "klingon" is not known; use utf-8, cp949 (euc-kr), cp932 (shift_jis) or euc-jp');
    await writeFile(at('roads.gml'), '<gml/>');
    const gml = safemap(['build', '-o', at('roads.pmtiles'), at('roads.gml')]);
    expect(gml.status).not.toBe(0);
    expect(gml.stderr.trim().endsWith(`ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${at('roads.gml')}`)).toBe(true);
    expect(existsSync(at('roads.pmtiles'))).toBe(false);
  }, spawnTimeoutMs);
});

describe('hostile names in reports', () => {
  it('a CSV header and a file name carrying escape codes are printed escaped by validate', async () => {
    const file = at('evil\u001b[2J.csv');
    await writeFile(file, '이름\u001b]0;owned\u0007,위도,경도\n대피소,35.1,129.1\n');
    const run = safemap(['validate', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('evil\\u001b[2J.csv');
    const missing = safemap(['validate', '--lat', 'y', '--lon', 'x', file]);
    expect(missing.stderr).not.toMatch(/[\u0007\u001b]/);
    expect(missing.stderr).toContain('"이름\\u001b]0;owned\\u0007"');
  }, spawnTimeoutMs);
});
