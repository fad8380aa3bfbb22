import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SafeMapError } from '../errors.js';
import { mbtilesToPmtiles, OSM_ATTRIBUTION, type ConvertedArchive } from './mbtiles_to_pmtiles.js';
import { PLACE_FILTERS, placesFromGeojsonSeq } from './osm_places.js';
import { writePlaces } from './place_gazetteer.js';

const run = promisify(execFile);

/** Options of an OpenStreetMap basemap build. */
export interface OsmBasemapOptions {
  /** The `.osm.pbf` extract. */
  readonly input: string;
  /** The PMTiles archive to write; the gazetteer goes beside it as `<name>.places.json`. */
  readonly output: string;
  /** tilemaker config and Lua profile; the OpenMapTiles-style ones shipped in `assets/basemap/tilemaker/` by default. */
  readonly configFile?: string;
  readonly processFile?: string;
  /**
   * Sea polygons as a shapefile in EPSG:4326, such as OpenStreetMap's own water polygons (osmdata.openstreetmap.de).
   * OpenStreetMap draws the sea only as a coastline, which an extract cannot close into areas: without these, a
   * coastal extract shows its sea as land. They go into the `water` layer as `class=ocean`.
   */
  readonly waterPolygons?: string;
  /** `tilemaker` and `osmium` executables, when not on the PATH. */
  readonly tilemaker?: string;
  readonly osmium?: string;
}

/** What a build wrote, for the command's report. */
export interface OsmBasemapResult extends ConvertedArchive {
  readonly output: string;
  readonly bytes: number;
  readonly placesFile: string;
  readonly places: number;
}

/** The tilemaker profile shipped with the package (same relative place from src/ and dist/). */
export function defaultTilemakerDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/basemap/tilemaker');
}

/** `<dir>/<name>.places.json` for `<dir>/<name>.pmtiles`. */
export function placesFileFor(archive: string): string {
  return archive.replace(/\.pmtiles$/i, '') + '.places.json';
}

/**
 * OpenStreetMap extract → basemap: tilemaker cuts OpenMapTiles-style vector tiles (streets by class, names in `name`
 * and `name_en`, places, water, parks, railways, stations, buildings) into a temporary MBTiles file, which is copied
 * into one PMTiles archive; osmium pulls the named places, stations and administrative areas for the gazetteer.
 */
export async function buildOsmBasemap(given: OsmBasemapOptions): Promise<OsmBasemapResult> {
  // The tools run in a scratch folder, so every path they get must be absolute.
  const options = { ...given, input: path.resolve(given.input), output: path.resolve(given.output) };
  if (!/\.pmtiles$/i.test(options.output)) throw new SafeMapError('USAGE', `${options.output}: the basemap archive must end in .pmtiles`);
  await stat(options.input).catch(() => {
    throw new SafeMapError('SOURCE_UNREADABLE', `${options.input}: no such OpenStreetMap extract`);
  });
  const waterPolygons = options.waterPolygons === undefined ? undefined : path.resolve(options.waterPolygons);
  if (waterPolygons !== undefined) {
    if (!/\.shp$/i.test(waterPolygons)) throw new SafeMapError('USAGE', `${waterPolygons}: the water polygons must be a .shp shapefile (in EPSG:4326)`);
    await stat(waterPolygons).catch(() => {
      throw new SafeMapError('SOURCE_UNREADABLE', `${waterPolygons}: no such water polygons shapefile`);
    });
  }
  const profile = defaultTilemakerDir();
  const work = await mkdtemp(path.join(tmpdir(), 'safemap-basemap-'));
  try {
    const mbtiles = path.join(work, 'basemap.mbtiles');
    const osmium = options.osmium ?? 'osmium';
    let config = path.resolve(options.configFile ?? path.join(profile, 'config.json'));
    // tilemaker reads shapefiles only inside a bounding box: the extract's own, from its header or else its data.
    const bbox = waterPolygons === undefined ? [] : ['--bbox', await extractBbox(osmium, options.input, work)];
    if (waterPolygons !== undefined) config = await withWaterPolygons(config, waterPolygons, work);
    await tool(options.tilemaker ?? 'tilemaker', [
      '--input', options.input,
      '--output', mbtiles,
      '--config', config,
      '--process', path.resolve(options.processFile ?? path.join(profile, 'process.lua')),
      ...bbox,
    ], work);
    const converted = await mbtilesToPmtiles(mbtiles, options.output, { attribution: OSM_ATTRIBUTION, name: path.basename(options.output, '.pmtiles') });

    const filtered = path.join(work, 'places.osm.pbf');
    const exported = path.join(work, 'places.geojsonseq');
    await tool(osmium, ['tags-filter', options.input, ...PLACE_FILTERS, '--overwrite', '-o', filtered], work);
    // Relations cut by the extract's edge cannot be assembled; osmium reports them and carries on with the rest.
    await tool(osmium, ['export', filtered, '-f', 'geojsonseq', '--overwrite', '-o', exported], work);
    const placesFile = placesFileFor(options.output);
    const places = await writePlaces(placesFile, placesFromGeojsonSeq(await readFile(exported, 'utf8')));
    const { size } = await stat(options.output);
    return { ...converted, output: options.output, bytes: size, placesFile, places };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * A copy of the tilemaker config with the sea polygons as one more shapefile layer written into `water`; the profile's
 * attribute function gives shapefile features `class=ocean`. tilemaker reads only the shapes inside the extract.
 */
async function withWaterPolygons(configFile: string, shapefile: string, work: string): Promise<string> {
  const config = JSON.parse(await readFile(configFile, 'utf8')) as { layers: Record<string, unknown> };
  config.layers['ocean'] = {
    minzoom: 0,
    maxzoom: 14,
    source: shapefile,
    simplify_below: 13,
    simplify_level: 0.0001,
    simplify_ratio: 2,
    write_to: 'water',
    index: true,
  };
  const written = path.join(work, 'config.json');
  await writeFile(written, JSON.stringify(config));
  return written;
}

/** `west,south,east,north` of an extract, as tilemaker's --bbox takes it. */
async function extractBbox(osmium: string, input: string, cwd: string): Promise<string> {
  const box = /\(([-\d.]+),([-\d.]+),([-\d.]+),([-\d.]+)\)/;
  const header = box.exec(await tool(osmium, ['fileinfo', '-g', 'header.boxes', input], cwd));
  const found = header ?? box.exec(await tool(osmium, ['fileinfo', '-e', '-g', 'data.bbox', input], cwd));
  if (!found) throw new SafeMapError('SOURCE_INVALID', `${input}: the extract has no bounding box and no data`);
  return found.slice(1).join(',');
}

async function tool(command: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new SafeMapError('USAGE', `${command} is not installed (Debian: apt-get install tilemaker osmium-tool)`);
    }
    const detail = (failure.stderr ?? failure.message).trim().split('\n').slice(-3).join(' / ');
    throw new SafeMapError('SOURCE_INVALID', `${command} ${args[0]} failed: ${detail}`);
  }
}
