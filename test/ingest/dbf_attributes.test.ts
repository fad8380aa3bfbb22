import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';
import { DbfReader } from '../../packages/tile-server/src/ingest/read_dbf.js';
import { gdalGeojson, ogr2ogr } from '../helpers/gdal.js';

let dir: string;
const at = (name: string) => path.join(dir, name);

// Text in Korean (including a UHC-only syllable, 똠), integers, reals and dates (one blank), as a Korean
// GIS package writes them: CP949, with a .cpg.
const rows = [
  { name: '부산 중구 대피소', kind: '지진 옥외', capacity: 120, area: 35.5, opened: '2022/06/08' },
  { name: '똠방각하 쉼터', kind: '', capacity: null, area: 0.25, opened: null },
  { name: 'Seomyeon shelter', kind: 'heat', capacity: 7, area: null, opened: '1999/12/31' },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-dbf-'));
  const csv = ['lon,lat,name,kind,capacity,area,opened', ...rows.map((row, index) => [129 + index / 100, 35.1, row.name, row.kind, row.capacity ?? '', row.area ?? '', row.opened ?? ''].join(','))];
  await writeFile(at('rows.csv'), csv.join('\n'));
  await writeFile(at('rows.csvt'), 'Real,Real,String,String,Integer,Real,Date');
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP949', '-oo', 'X_POSSIBLE_NAMES=lon', '-oo', 'Y_POSSIBLE_NAMES=lat', '-a_srs', 'EPSG:4326', at('rows.shp'), at('rows.csv')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(file: string): Promise<{ fields: string[]; records: Record<string, unknown>[] }> {
  const table = await DbfReader.open(file, 'cp949');
  const records: Record<string, unknown>[] = [];
  try {
    for (let record = await table.next(); record; record = await table.next()) records.push(record);
  } finally {
    await table.close();
  }
  return { fields: table.fields.map((field) => `${field.name}:${field.type}`), records };
}

describe('shapefile attributes (.dbf)', () => {
  it('reads every field type as GDAL reads it', async () => {
    const { fields, records } = await readAll(at('rows.dbf'));
    expect(fields).toEqual(['lon:N', 'lat:N', 'name:C', 'kind:C', 'capacity:N', 'area:N', 'opened:D']);
    const gdal = gdalGeojson(at('rows.shp')).features.map((feature) => feature.properties);
    expect(records).toHaveLength(gdal.length);
    records.forEach((record, index) => {
      const reference = gdal[index]!;
      for (const name of ['name', 'kind', 'capacity', 'area']) expect(record[name], name).toEqual(reference[name] === '' ? null : reference[name]);
      expect(record.opened).toEqual(reference.opened ?? null);
    });
    expect(records.map((record) => record.name)).toEqual(rows.map((row) => row.name));
  });

  it('a date is the day written in the file, whatever the time zone of the machine, and a blank date is empty', async () => {
    const zone = process.env.TZ;
    try {
      // East of UTC, a date read as local midnight and printed in UTC falls on the day before.
      process.env.TZ = 'Asia/Seoul';
      const result = await ingestFiles([at('rows.shp')]);
      expect(result.features.map((feature) => feature.properties.opened ?? null)).toEqual(['2022-06-08', null, '1999-12-31']);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('a .dbf that is not a dBASE table is refused with the shapefile named', async () => {
    await writeFile(at('broken.dbf'), 'not a table');
    ogr2ogr(['-f', 'ESRI Shapefile', at('broken_shape.shp'), at('rows.shp')]);
    await writeFile(at('broken_shape.dbf'), 'not a table');
    await expect(ingestFiles([at('broken_shape.shp')])).rejects.toThrow(/broken_shape\.shp: not a readable shapefile \(the \.dbf header is cut short\)/);
  });
});
