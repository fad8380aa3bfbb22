import path from 'node:path';
import { openArchive } from '../archive/open_archive.js';
import { readPointer, versionLookups } from './publish_pointer.js';
import { readVersionRecord } from './version_record.js';
/**
 * What `current.json` of a tile set folder points at, with its counts from the version record, or from the
 * archive's own statistics (tippecanoe-style `tilestats`) for versions published before records existed.
 * Null when nothing is published.
 */
export async function readLiveVersion(tilesetDir) {
    const pointer = await readPointer(tilesetDir);
    if (!pointer)
        return null;
    const record = await readVersionRecord(tilesetDir, pointer.version);
    const lookups = path.join(tilesetDir, versionLookups(pointer.version));
    if (record)
        return { version: pointer.version, featuresPerLayer: { ...record.featuresPerLayer }, lookups, record };
    return { version: pointer.version, featuresPerLayer: await archiveCounts(path.join(tilesetDir, pointer.archive)), lookups, record };
}
/** Features per layer from an archive's `tilestats`. */
export async function archiveCounts(file) {
    const archive = await openArchive(file);
    try {
        const metadata = (await archive.metadata());
        const featuresPerLayer = {};
        for (const entry of metadata.tilestats?.layers ?? []) {
            if (typeof entry.layer === 'string' && typeof entry.count === 'number')
                featuresPerLayer[entry.layer] = entry.count;
        }
        return featuresPerLayer;
    }
    finally {
        await archive.close();
    }
}
//# sourceMappingURL=live_version.js.map