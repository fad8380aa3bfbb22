// Turns an OpenStreetMap extract into a basemap for SafeMap: one PMTiles archive plus its place gazetteer.
//
//   npm run basemap:osm -- extract.osm.pbf -o tiles/basemap/city.pmtiles [--water-polygons water_polygons.shp]
//
// A coastal extract needs --water-polygons for its sea (see docs/basemap.md).
// Needs tilemaker and osmium-tool (Debian: apt-get install tilemaker osmium-tool) and the built tile server
// (npm run build). Writes <out>.pmtiles and <out>.places.json; prints a JSON summary on stdout.
import { parseArgs } from 'node:util';
import { buildOsmBasemap } from '@safemap/tile-server';

const USAGE = 'usage: npm run basemap:osm -- <extract.osm.pbf> -o <basemap.pmtiles> [--water-polygons <water_polygons.shp>]\n';

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { output: { type: 'string', short: 'o' }, 'water-polygons': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.output) {
    process.stderr.write(USAGE);
    return 2;
  }
  const started = performance.now();
  try {
    const result = await buildOsmBasemap({ input: positionals[0], output: values.output, waterPolygons: values['water-polygons'] });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${error.message}\n`);
    return error.code === 'USAGE' ? 2 : 1;
  }
}

process.exitCode = await main();
