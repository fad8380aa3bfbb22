import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { configHash, publishDirOf } from '../publish/publish_location.js';
import { readPointer, versionLookups } from '../publish/publish_pointer.js';
import { runLiveBuild } from '../server/live_build_child.js';
import { loadTilesetVersion } from '../store/load_tilesets.js';
import { loadPublishedTileset } from '../store/published_version.js';
import { TileCache } from '../store/tile_cache.js';
/**
 * Every tile set of a (public) catalogue at the version the server would serve: the published one when it was built
 * from the current configuration, otherwise one built now into `buildDir` by the same engine the server uses for tile
 * sets nobody published (`runLiveBuild`), so an export never needs a server to have run first.
 */
export async function exportTilesets(catalog, buildDir, logger) {
    // Only headers and metadata are read through the sources here; tiles are copied as files, so a small cache suffices.
    const cache = new TileCache(1024 * 1024);
    const out = [];
    for (const config of catalog.catalog.tilesets) {
        const tilesetDir = path.join(publishDirOf(catalog), config.id);
        const loaded = await loadPublishedTileset(config, catalog, cache, logger);
        // A version of an earlier configuration is what a server shows while it rebuilds; an export takes the current one.
        const published = loaded?.exact ? loaded.tileset : undefined;
        if (loaded && !loaded.exact) {
            await loaded.tileset.source.close();
            loaded.tileset.index?.close();
        }
        const pointer = published ? await readPointer(tilesetDir) : undefined;
        if (published && pointer && pointer.version === published.source.version) {
            out.push({ tileset: published, archive: path.join(tilesetDir, pointer.archive), lookups: path.join(tilesetDir, versionLookups(pointer.version)), built: false });
            continue;
        }
        await published?.source.close();
        published?.index?.close();
        logger.info({ tileset: config.id }, 'nothing published from this configuration: building it');
        const reply = await runLiveBuild({ config, baseDir: catalog.baseDir, catalogFile: catalog.file, configHash: configHash(config), dir: path.join(buildDir, config.id) });
        if (!reply.ok) {
            const code = (reply.code ?? 'WRITE_FAILED');
            throw new SafeMapError(code, `tile set ${config.id}: ${reply.message}`);
        }
        const tileset = await loadTilesetVersion(config, { version: reply.version, archive: reply.archive, lookups: reply.lookups }, new Map(), cache);
        out.push({ tileset, archive: reply.archive, lookups: reply.lookups, built: true });
    }
    return out;
}
/** Closes the archives and look-ups the tile sets hold open. */
export async function closeExportedTilesets(tilesets) {
    for (const { tileset } of tilesets)
        tileset.index?.close();
    await Promise.all(tilesets.map(({ tileset }) => tileset.source.close()));
}
//# sourceMappingURL=export_tilesets.js.map