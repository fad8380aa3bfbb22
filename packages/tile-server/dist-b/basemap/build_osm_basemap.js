import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SafeMapError } from '../errors.js';
import { mbtilesToPmtiles, OSM_ATTRIBUTION } from './mbtiles_to_pmtiles.js';
import { PLACE_FILTERS, placesFromGeojsonSeq } from './osm_places.js';
import { writePlaces } from './place_gazetteer.js';
const run = promisify(execFile);
/** The tilemaker profile shipped with the package (same relative place from src/ and dist/). */
export function defaultTilemakerDir() {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/basemap/tilemaker');
}
/** `<dir>/<name>.places.json` for `<dir>/<name>.pmtiles`. */
export function placesFileFor(archive) {
    return archive.replace(/\.pmtiles$/i, '') + '.places.json';
}
/**
 * OpenStreetMap extract → basemap: tilemaker cuts OpenMapTiles-style vector tiles (streets by class, names in `name`
 * and `name_en`, places, water, parks, railways, stations, buildings) into a temporary MBTiles file, which is copied
 * into one PMTiles archive; osmium pulls the named places, stations and administrative areas for the gazetteer.
 */
export async function buildOsmBasemap(given) {
    // The tools run in a scratch folder, so every path they get must be absolute.
    const options = { ...given, input: path.resolve(given.input), output: path.resolve(given.output) };
    if (!/\.pmtiles$/i.test(options.output))
        throw new SafeMapError('USAGE', `${options.output}: the basemap archive must end in .pmtiles`);
    await stat(options.input).catch(() => {
        throw new SafeMapError('SOURCE_UNREADABLE', `${options.input}: no such OpenStreetMap extract`);
    });
    const profile = defaultTilemakerDir();
    const work = await mkdtemp(path.join(tmpdir(), 'safemap-basemap-'));
    try {
        const mbtiles = path.join(work, 'basemap.mbtiles');
        await tool(options.tilemaker ?? 'tilemaker', [
            '--input', options.input,
            '--output', mbtiles,
            '--config', path.resolve(options.configFile ?? path.join(profile, 'config.json')),
            '--process', path.resolve(options.processFile ?? path.join(profile, 'process.lua')),
        ], work);
        const converted = await mbtilesToPmtiles(mbtiles, options.output, { attribution: OSM_ATTRIBUTION, name: path.basename(options.output, '.pmtiles') });
        const filtered = path.join(work, 'places.osm.pbf');
        const exported = path.join(work, 'places.geojsonseq');
        const osmium = options.osmium ?? 'osmium';
        await tool(osmium, ['tags-filter', options.input, ...PLACE_FILTERS, '--overwrite', '-o', filtered], work);
        // Relations cut by the extract's edge cannot be assembled; osmium reports them and carries on with the rest.
        await tool(osmium, ['export', filtered, '-f', 'geojsonseq', '--overwrite', '-o', exported], work);
        const placesFile = placesFileFor(options.output);
        const places = await writePlaces(placesFile, placesFromGeojsonSeq(await readFile(exported, 'utf8')));
        const { size } = await stat(options.output);
        return { ...converted, output: options.output, bytes: size, placesFile, places };
    }
    finally {
        await rm(work, { recursive: true, force: true });
    }
}
async function tool(command, args, cwd) {
    try {
        await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    }
    catch (error) {
        const failure = error;
        if (failure.code === 'ENOENT') {
            throw new SafeMapError('USAGE', `${command} is not installed (Debian: apt-get install tilemaker osmium-tool)`);
        }
        const detail = (failure.stderr ?? failure.message).trim().split('\n').slice(-3).join(' / ');
        throw new SafeMapError('SOURCE_INVALID', `${command} ${args[0]} failed: ${detail}`);
    }
}
//# sourceMappingURL=build_osm_basemap.js.map