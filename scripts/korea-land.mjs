#!/usr/bin/env node
// Writes packages/tile-server/assets/korea/korea_provinces.json: South Korea's 17 provinces as simplified land
// polygons, from Statistics Korea's 2018 municipal boundaries (see the README beside the output for origin and licence).
//   node scripts/korea-land.mjs ../shared/data/basemap/kostat-2018/skorea-municipalities-2018-topo.json
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const input = process.argv[2];
if (!input) throw new Error('usage: node scripts/korea-land.mjs skorea-municipalities-2018-topo.json');
const dir = mkdtempSync(path.join(tmpdir(), 'korea-land-'));
const dissolved = path.join(dir, 'provinces.geojson');
// One polygon per province (the first two digits of the municipal code), made valid and simplified to 0.001° (~100 m).
execFileSync('ogr2ogr', [
  '-f', 'GeoJSON', dissolved, input, '-dialect', 'SQLite', '-sql',
  'SELECT substr(code,1,2) AS province, ST_SimplifyPreserveTopology(ST_CollectionExtract(ST_Union(ST_MakeValid(geometry)),3),0.001) AS geometry ' +
    'FROM skorea_municipalities_2018_geo GROUP BY substr(code,1,2)',
  '-lco', 'COORDINATE_PRECISION=4',
]);
const scale = 1e4;
const provinces = JSON.parse(readFileSync(dissolved, 'utf8')).features.map((feature) => {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  // Rings as integers of 1e-4° (about 10 m), each vertex stored as the difference from the one before.
  const rings = polygons.flat().map((ring) => {
    const out = [];
    let [px, py] = [0, 0];
    for (const [lon, lat] of ring) {
      const [x, y] = [Math.round(lon * scale), Math.round(lat * scale)];
      out.push(x - px, y - py);
      [px, py] = [x, y];
    }
    return out;
  });
  return { code: feature.properties.province, rings };
});
provinces.sort((a, b) => a.code.localeCompare(b.code));
const output = path.join(import.meta.dirname, '..', 'packages', 'tile-server', 'assets', 'korea', 'korea_provinces.json');
writeFileSync(output, JSON.stringify({ scale, source: 'Statistics Korea (SGIS) 2018 municipal boundaries, KOGL Type 1', provinces }) + '\n');
rmSync(dir, { recursive: true, force: true });
console.log(`${output}: ${provinces.length} provinces, ${provinces.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.length / 2, 0), 0)} vertices`);

// The raster the engine reads, rasterised once here from the polygons just written (needs `npm run build` first).
const { KoreaLand, koreaLandFiles } = await import('../packages/tile-server/dist/ingest/korea_land.js');
const { gzipSync } = await import('node:zlib');
const land = new KoreaLand(JSON.parse(readFileSync(koreaLandFiles.polygons, 'utf8')));
writeFileSync(koreaLandFiles.raster, gzipSync(land.cells, { level: 9 }));
console.log(`${koreaLandFiles.raster}: ${land.cells.length} cells`);
