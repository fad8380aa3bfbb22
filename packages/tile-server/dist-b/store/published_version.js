import path from 'node:path';
import { ArchiveTileSource } from './archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { checkPublishedArchive } from '../publish/check_published_archive.js';
import { configHash, publishDirOf } from '../publish/publish_location.js';
import { readPointer, versionArchive, versionLookups } from '../publish/publish_pointer.js';
import { readVersionRecord } from '../publish/version_record.js';
import { heldLayers, unfitReason } from '../publish/version_fits.js';
import { exists, loadTilesetVersion } from './load_tilesets.js';
/**
 * The published version of a catalogue tile set, with the earlier kept versions answering their own versioned URLs.
 * Every file is verified against its version's hash (and, with `copies`, served from a private verified copy); a
 * version holding data the catalogue has since withdrawn is never served, live or earlier. When the live version
 * is refused, the newest earlier version that verifies and fits is served instead and the refusal is logged; when
 * none does, the refusal is thrown (ARCHIVE_INVALID). Undefined when nothing servable is published.
 */
export async function loadPublishedTileset(config, catalog, cache, logger, copies) {
    // Restricted layers never enter a published archive: the restricted part of a tile set is always built by the server.
    if (config.layers.every((layer) => layer.access === 'restricted'))
        return undefined;
    const tilesetDir = path.join(publishDirOf(catalog), config.id);
    const pointer = await readPointer(tilesetDir);
    if (!pointer)
        return undefined;
    const currentHash = configHash(config);
    const check = (version, archive, lookups = true) => checkVersion(tilesetDir, version, archive, config, currentHash, copies, lookups);
    let live;
    let liveVersion = pointer.version;
    let pinned = pointer.rollback === true;
    try {
        live = await check(pointer.version, pointer.archive);
    }
    catch (error) {
        if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID')
            throw error;
        const fallback = await firstGood(pointer.history, check);
        if (!fallback)
            throw error;
        logger.error({ tileset: config.id, code: error.code, file: error.details?.file, serving: fallback.version }, `refused ${error.message}; serving the last good version ${fallback.version}`);
        live = fallback.checked;
        liveVersion = fallback.version;
        pinned = false;
    }
    if (live.unfit) {
        logger.warn({ tileset: config.id, version: liveVersion }, `the published version is not served: ${live.unfit}; building the current configuration`);
        return undefined;
    }
    const earlier = new Map();
    for (const version of pointer.history) {
        if (version === liveVersion || !(await exists(path.join(tilesetDir, versionArchive(version)))))
            continue;
        // A damaged, pruned or withdrawn earlier version costs only its own URLs, which answer 404, never the live one.
        try {
            // Earlier versions answer only their versioned tile URLs: their look-ups are not needed.
            const older = await check(version, versionArchive(version), false);
            if (older.unfit) {
                logger.warn({ tileset: config.id, version }, `earlier version no longer served: ${older.unfit}`);
                continue;
            }
            earlier.set(version, new ArchiveTileSource(config.id, version, await openArchive(older.files.archive), cache));
        }
        catch (error) {
            if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID')
                throw error;
            logger.warn({ tileset: config.id, version, file: error.details?.file, code: error.code }, `earlier version left out: ${error.message}`);
        }
    }
    const exact = live.builtFrom === currentHash || pinned;
    logger.info({ tileset: config.id, version: liveVersion, kept: [...earlier.keys()], exact }, exact ? 'serving the published archive' : 'serving the published archive of an earlier configuration');
    return { tileset: await loadTilesetVersion(config, live.files, earlier, cache), exact };
}
async function firstGood(versions, check) {
    for (const version of versions) {
        try {
            const checked = await check(version, versionArchive(version));
            if (!checked.unfit)
                return { version, checked };
        }
        catch (error) {
            if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID')
                throw error;
        }
    }
    return undefined;
}
/** Verifies a version's files (structure, then bytes against its hash) and judges it against the catalogue. */
async function checkVersion(tilesetDir, version, archive, config, currentHash, copies, withLookups) {
    const file = path.join(tilesetDir, archive);
    const lookups = path.join(tilesetDir, versionLookups(version));
    const record = await readVersionRecord(tilesetDir, version);
    let metadata;
    try {
        // Structure first (a cut header says "truncated"), then the bytes against the published version's hash.
        const opened = await openArchive(file);
        try {
            if (!copies)
                await checkPublishedArchive(file, version);
            metadata = await opened.metadata();
        }
        finally {
            await opened.close();
        }
    }
    catch (error) {
        if (isSafeMapError(error))
            throw error;
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: its metadata cannot be read (${error.message})`, { file }, { cause: error });
    }
    const hasLookups = withLookups && (await exists(lookups));
    const served = copies ? await copies.copy(file, version, hasLookups ? lookups : undefined, record?.lookupsSha256) : { archive: file, lookups: hasLookups ? lookups : undefined };
    const builtFrom = record?.configHash ?? (typeof metadata.config_sha256 === 'string' ? metadata.config_sha256 : undefined);
    return {
        files: { version, archive: served.archive, lookups: served.lookups ?? lookups },
        builtFrom,
        unfit: unfitReason(heldLayers(record, metadata), builtFrom, config, currentHash),
    };
}
//# sourceMappingURL=published_version.js.map