import path from 'node:path';
import { readLayer } from '../ingest/read_layer.js';
import { writeLookups } from '../lookup/write_lookups.js';
import { buildArchive } from './build_archive.js';
/**
 * One catalogue tile set from source files to archive and look-ups: each layer read (allow-list, region, precision
 * grid), tiled into one PMTiles archive, and its features written beside it for `/features`. `safemap build
 * --config` publishes the result; `safemap serve` builds tile sets nobody published the same way, off its main thread.
 */
export async function buildTileset(config, baseDir, catalogName, configHash, files, progress) {
    const reading = progress.step('read', config.layers.length);
    let read = 0;
    const layers = await Promise.all(config.layers.map(async (layer) => {
        const data = await readLayer(layer, baseDir, config.bounds);
        reading.update(++read);
        return data;
    }));
    reading.done();
    const tiling = layers.map(({ layer, store }) => ({ id: layer.id, minzoom: layer.minzoom, maxzoom: layer.maxzoom, store }));
    const build = await buildArchive(tiling, files.archive, 'pmtiles', {
        name: config.title.en,
        description: config.description?.en ?? config.title.en,
        attribution: [...new Set(config.layers.map((layer) => layer.attribution))].join(' | '),
        generatorOptions: `safemap build --config ${path.basename(catalogName)} ${config.id}`,
        sources: layers.map(({ layer, sha256 }) => ({ file: layer.source.path, sha256, dataDates: [] })),
        ...(config.bounds ? { bounds: config.bounds } : {}),
        ...(config.center ? { center: config.center } : {}),
        fields: Object.fromEntries(config.layers.map((layer) => [layer.id, fieldTypes(layer.properties)])),
        configHash,
    }, progress);
    const writing = progress.step('lookups', 1);
    writeLookups(files.lookups, tiling);
    writing.done();
    return { build, layers, skipped: layers.reduce((sum, layer) => sum + layer.problems.length, 0) };
}
function fieldTypes(properties) {
    return Object.fromEntries(Object.entries(properties).map(([name, type]) => [name, type.charAt(0).toUpperCase() + type.slice(1)]));
}
//# sourceMappingURL=build_tileset.js.map