import { access } from 'node:fs/promises';
import { ArchiveTileSource } from './archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import { FeatureLookup } from '../lookup/feature_lookup.js';
import { describeTileset } from './describe_tileset.js';
/**
 * A tile set served from a built version, published or built by the server itself: tiles from the archive,
 * `/features` from the look-ups written by the same build, and earlier versions still answering their own versioned
 * URLs. There is no other way to serve a tile set: the server never cuts tiles itself.
 */
export async function loadTilesetVersion(config, current, earlier, cache) {
    const archive = await openArchive(current.archive);
    let metadata;
    try {
        metadata = await archive.metadata();
    }
    catch (error) {
        await archive.close();
        throw error;
    }
    const counts = new Map((readTilestats(metadata) ?? []).map((entry) => [entry.layer, entry.count]));
    const lookups = (await exists(current.lookups)) ? FeatureLookup.open(current.lookups) : undefined;
    return describeTileset(config, {
        featureCount: (layerId) => counts.get(layerId) ?? 0,
        bounds: metadata.bounds,
        source: new ArchiveTileSource(config.id, current.version, archive, cache, earlier),
        index: lookups,
    });
}
function readTilestats(metadata) {
    const stats = metadata.tilestats;
    return Array.isArray(stats?.layers) ? stats.layers : undefined;
}
export async function exists(file) {
    return access(file).then(() => true, () => false);
}
//# sourceMappingURL=load_tilesets.js.map