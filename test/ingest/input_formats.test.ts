import { copyFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize as serializeFlatgeobuf } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection } from 'geojson';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geometryLimits } from '../../packages/tile-server/src/ingest/bound_vertices.js';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';
import { gdalGeojson, maxDifference, ogr2ogr, positionsOf } from '../helpers/gdal.js';
import { writeZip } from '../helpers/write_zip.js';

// Fixtures are made here with GDAL from the small GeoJSON below (Korean names, Busan positions), so each format is
// the one GDAL writes; positions are compared with GDAL's own reading reprojected to WGS84.
const shelters = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { 이름: '해운대구청 대피소', 수용인원: 120, 구분: '지하' }, geometry: { type: 'Point', coordinates: [129.1635, 35.1631] } },
    { type: 'Feature', properties: { 이름: '똠방각하 쉼터', 수용인원: 35, 구분: '지상' }, geometry: { type: 'Point', coordinates: [129.0756, 35.1796] } },
    { type: 'Feature', properties: { 이름: '광안리 민방위 대피소', 수용인원: 800, 구분: '지하' }, geometry: { type: 'Point', coordinates: [129.1186, 35.1532] } },
  ],
};
const parcels = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { 지번: '우동 1408-1', 면적: 1520.5 },
      geometry: { type: 'Polygon', coordinates: [[[129.16, 35.16], [129.17, 35.16], [129.17, 35.17], [129.16, 35.17], [129.16, 35.16]], [[129.162, 35.162], [129.162, 35.164], [129.164, 35.164], [129.164, 35.162], [129.162, 35.162]]] },
    },
    {
      type: 'Feature',
      properties: { 지번: '중동 1394', 면적: 88 },
      geometry: { type: 'MultiPolygon', coordinates: [[[[129.18, 35.16], [129.19, 35.16], [129.19, 35.17], [129.18, 35.16]]], [[[129.2, 35.16], [129.21, 35.16], [129.21, 35.17], [129.2, 35.16]]]] },
    },
  ],
};
const tolerance = 1e-7; // degrees: about 1 cm

let dir: string;
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-formats-'));
  await writeFile(at('shelters.geojson'), JSON.stringify(shelters));
  await writeFile(at('parcels.geojson'), JSON.stringify(parcels));
  // A CP949 shapefile in EPSG:5186 (GDAL writes the .cpg and the .prj).
  ogr2ogr(['-f', 'ESRI Shapefile', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:5186', '-lco', 'ENCODING=CP949', at('shelters.shp'), at('shelters.geojson')]);
  ogr2ogr(['-f', 'ESRI Shapefile', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:5186', '-lco', 'ENCODING=CP949', at('parcels.shp'), at('parcels.geojson')]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function shapefileParts(stem: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const extension of ['shp', 'shx', 'dbf', 'prj']) out[extension] = await readFile(at(`${stem}.${extension}`));
  return out;
}

function expectSamePositions(ours: readonly { geometry: unknown }[], file: string): void {
  const reference = gdalGeojson(file).features;
  expect(ours).toHaveLength(reference.length);
  ours.forEach((feature, index) => {
    expect(maxDifference(positionsOf(feature.geometry), positionsOf(reference[index]!.geometry))).toBeLessThan(tolerance);
  });
}

describe('shapefiles', () => {
  it('reads a .shp with its .cpg (CP949) and .prj (EPSG:5186): Korean text and GDAL positions', async () => {
    const result = await ingestFiles([at('shelters.shp')]);
    expect(result.sources[0]).toMatchObject({ format: 'shapefile', encoding: 'cp949 (from .cpg)', crs: 'EPSG:5186', rows: 3, accepted: 3 });
    expect(result.sources[0]!.crsWkt).toContain('Korea_2000_Korea_Central_Belt_2010');
    expect(result.features.map((feature) => feature.properties['이름'])).toEqual(['해운대구청 대피소', '똠방각하 쉼터', '광안리 민방위 대피소']);
    expect(result.features[2]!.properties['수용인원']).toBe(800);
    expectSamePositions(result.features, at('shelters.shp'));
  });

  it('hashes a .shp together with the files it is read with, so a changed .dbf or .cpg is a changed source', async () => {
    for (const extension of ['shp', 'shx', 'dbf', 'prj', 'cpg']) await copyFile(at(`shelters.${extension}`), at(`hashed.${extension}`));
    const before = (await ingestFiles([at('hashed.shp')])).sources[0]!.sha256;
    await writeFile(at('hashed.cpg'), 'UTF-8');
    const after = (await ingestFiles([at('hashed.shp')])).sources[0]!;
    expect(after.sha256).not.toBe(before);
    expect(after.encoding).toBe('utf-8 (from .cpg)');
  });

  it('reads a zip whose encoding is only in a .cst file, and one with neither file (CP949 by default)', async () => {
    const parts = await shapefileParts('shelters');
    const withCst = at('cadastral-cst.zip');
    await writeFile(withCst, writeZip([...Object.entries(parts).map(([extension, data]) => ({ name: `지적/shelters.${extension}`, data })), { name: '지적/shelters.cst', data: 'EUC-KR' }]));
    const cst = await ingestFiles([withCst]);
    expect(cst.sources[0]).toMatchObject({ format: 'shapefile', encoding: 'cp949 (from .cst)', crs: 'EPSG:5186', layer: '지적/shelters.shp' });
    expect(cst.features[1]!.properties['이름']).toBe('똠방각하 쉼터');
    expectSamePositions(cst.features, at('shelters.shp'));

    const bare = at('bare.zip');
    // Zipped on Korean Windows: entry names in CP949 without the UTF-8 flag.
    await writeFile(bare, writeZip(Object.entries(parts).map(([extension, data]) => ({ name: '', rawName: iconv.encode(`대피소.${extension}`, 'cp949'), data }))));
    const none = await ingestFiles([bare]);
    expect(none.sources[0]!.encoding).toBe('cp949 (no .cpg or .cst: the Korean default)');
    expect(none.sources[0]!.layer).toBe('대피소.shp');
    expect(none.features[0]!.properties['이름']).toBe('해운대구청 대피소');
  });

  it('--encoding overrides the .cpg: a UTF-8 dbf with no .cpg', async () => {
    ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', at('utf8.shp'), at('shelters.geojson')]);
    await unlink(at('utf8.cpg'));
    const defaulted = await ingestFiles([at('utf8.shp')]);
    expect(defaulted.features[0]!.properties['이름']).not.toBe('해운대구청 대피소');
    const told = await ingestFiles([at('utf8.shp')], { encoding: 'utf-8' });
    expect(told.sources[0]!.encoding).toBe('utf-8 (--encoding)');
    expect(told.sources[0]!.crs).toBe('EPSG:4326');
    expect(told.features[0]!.properties['이름']).toBe('해운대구청 대피소');
  });

  it('reads every shapefile of a zip and names them; polygons with holes match GDAL', async () => {
    const both = at('two.zip');
    const entries = [...Object.entries(await shapefileParts('shelters')).map(([extension, data]) => ({ name: `a/shelters.${extension}`, data })), ...Object.entries(await shapefileParts('parcels')).map(([extension, data]) => ({ name: `b/parcels.${extension}`, data }))];
    await writeFile(both, writeZip(entries));
    const result = await ingestFiles([both]);
    expect(result.sources[0]!.layer).toBe('2 shapefiles: a/shelters.shp (features 0–2), b/parcels.shp (features 3–4)');
    expect(result.features).toHaveLength(5);
    expect(result.features[3]!.properties['지번']).toBe('우동 1408-1');
    expectSamePositions(result.features.slice(3), at('parcels.shp'));
    expect(result.features[4]!.geometry.type).toBe('MultiPolygon');
  });

  it('refuses a zip bomb and a header that lies about its size, with the file named and escapes neutralised', async () => {
    const bomb = at('bomb.zip');
    await writeFile(bomb, writeZip([{ name: 'x.shp', data: Buffer.alloc(64 * 1024 * 1024) }]));
    await expect(ingestFiles([bomb])).rejects.toThrow(/x\.shp would expand \d+-fold .*zip bomb/);
    const liar = at('liar.zip');
    await writeFile(liar, writeZip([{ name: 'x.shp', data: Buffer.alloc(100_000), declaredSize: 100 }]));
    await expect(ingestFiles([liar])).rejects.toThrow(/liar\.zip/);
    const empty = at('empty.zip');
    await writeFile(empty, writeZip([{ name: 'readme\u001b[31m.txt', data: 'no shapefile here' }]));
    const refusal = await ingestFiles([empty]).catch((error: Error) => error.message);
    expect(refusal).toContain('the zip holds no shapefile');
    expect(refusal).toContain('readme\\u001b[31m.txt');
    expect(refusal).not.toContain('\u001b');
    expect(refusal).toContain('ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson');
  });
});

describe('GeoPackage, FlatGeobuf, KML', () => {
  it('GeoPackage: CRS from gpkg_spatial_ref_sys, points and polygons as GDAL reads them', async () => {
    ogr2ogr(['-f', 'GPKG', '-nln', '대피소', at('both.gpkg'), at('shelters.shp')]);
    ogr2ogr(['-f', 'GPKG', '-update', '-nln', 'parcels', at('both.gpkg'), at('parcels.shp')]);
    const first = await ingestFiles([at('both.gpkg')]);
    expect(first.sources[0]).toMatchObject({ format: 'gpkg', crs: 'EPSG:5186', layer: 'table "대피소" (1 of 2)', accepted: 3 });
    expect(first.features[1]!.properties).toEqual({ 이름: '똠방각하 쉼터', 수용인원: 35, 구분: '지상' });
    expectSamePositions(first.features, at('shelters.shp'));
    const second = await ingestFiles([at('both.gpkg')], { sheet: '2' });
    expect(second.sources[0]!.layer).toBe('table "parcels" (2 of 2)');
    expectSamePositions(second.features, at('parcels.shp'));
    await expect(ingestFiles([at('both.gpkg')], { sheet: 'roads' })).rejects.toThrow(/no feature table "roads"; tables: 1 "대피소", 2 "parcels"/);
  });

  it('FlatGeobuf: CRS from its header, positions as GDAL reads them', async () => {
    ogr2ogr(['-f', 'FlatGeobuf', '-nlt', 'PROMOTE_TO_MULTI', at('parcels.fgb'), at('parcels.shp')]);
    const result = await ingestFiles([at('parcels.fgb')]);
    expect(result.sources[0]).toMatchObject({ format: 'fgb', crs: 'EPSG:5186', accepted: 2 });
    // GDAL writes FlatGeobuf with a spatial index, so features come in index order.
    expect(result.features.map((feature) => feature.properties['지번']).sort()).toEqual(['우동 1408-1', '중동 1394']);
    expectSamePositions(result.features, at('parcels.fgb'));
  });

  it('a feature over the vertex bound is reported by its index and left out; the others are read', async () => {
    const many = Array.from({ length: geometryLimits.vertices + 1 }, (_, i) => [129 + i * 1e-7, 35 + (i % 2) * 1e-4]);
    const lines = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { n: 1 }, geometry: { type: 'LineString', coordinates: [[129, 35], [129.1, 35.1]] } }, { type: 'Feature', properties: { n: 2 }, geometry: { type: 'LineString', coordinates: many } }] };
    // Written by the flatgeobuf package itself: GDAL would take seconds to parse this much GeoJSON.
    await writeFile(at('long.fgb'), serializeFlatgeobuf(lines as FeatureCollection));
    const result = await ingestFiles([at('long.fgb')]);
    expect(result.sources[0]).toMatchObject({ rows: 2, accepted: 1 });
    expect(result.problems).toEqual([expect.objectContaining({ feature: 1, kind: 'invalid-geometry', quarantined: true, reason: expect.stringContaining(`at most ${geometryLimits.vertices} are read`) })]);
  });

  it('KML and KMZ: always WGS84, names and positions as GDAL reads them', async () => {
    ogr2ogr(['-f', 'KML', at('shelters.kml'), at('shelters.geojson')]);
    const kml = await ingestFiles([at('shelters.kml')]);
    expect(kml.sources[0]).toMatchObject({ format: 'kml', crs: 'EPSG:4326', accepted: 3 });
    expect(kml.features[0]!.properties['이름']).toBe('해운대구청 대피소');
    expectSamePositions(kml.features, at('shelters.kml'));
    await writeFile(at('shelters.kmz'), writeZip([{ name: 'doc.kml', data: await readFile(at('shelters.kml')) }]));
    const kmz = await ingestFiles([at('shelters.kmz')]);
    expect(kmz.sources[0]!.layer).toBe('doc.kml');
    expect(kmz.features.map((feature) => feature.geometry)).toEqual(kml.features.map((feature) => feature.geometry));
  });

  it('refuses KML that declares entities (an XML bomb) without expanding them', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kml><Document><Placemark><name>&b;</name></Placemark></Document></kml>';
    await writeFile(at('bomb.kml'), bomb);
    await expect(ingestFiles([at('bomb.kml')])).rejects.toThrow(/declares XML entities/);
  });
});

describe('formats refused with the next step', () => {
  it('an unknown format names the ogr2ogr command that converts it', async () => {
    await copyFile(at('shelters.geojson'), at('shelters.gml'));
    await expect(ingestFiles([at('shelters.gml')])).rejects.toThrow(`unknown input format ".gml"; SafeMap reads CSV, XLSX, GeoJSON, NDJSON, shapefiles (.shp or .zip), GeoPackage, FlatGeobuf and KML/KMZ. To convert another format GDAL reads: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${at('shelters.gml')}`);
    await expect(ingestFiles([at('shelters.dbf')])).rejects.toThrow(/give the \.shp beside it/);
  });
});
