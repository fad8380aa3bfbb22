import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { publicCatalog } from '../catalog/split_restricted.js';
import { SafeMapError } from '../errors.js';
import { buildTileset } from '../tiling/build_tileset.js';
import { diffLookups } from './diff_lookups.js';
import { readLiveVersion } from './live_version.js';
import { guardMessage, judgeLayer, refusedChanges } from './publish_guard.js';
import { configHash, keepOf, publishDirOf } from './publish_location.js';
import { POINTER_FILE } from './publish_pointer.js';
import { publishVersion } from './publish_version.js';
import { cleanStaleStaging, stagingPathFor } from './staging.js';
/** The names a tile set's publish writes in its folder, for the clean-up of a killed build's leftovers. */
const STAGED_NAMES = ['archive.pmtiles', 'lookups.sqlite', POINTER_FILE];
/** A refused publish: DATA_INVALID (exit 7) carrying every layer's change, so the command can report them. */
export class PublishRefusedError extends SafeMapError {
    changes;
    constructor(message, changes) {
        super('DATA_INVALID', message);
        this.changes = changes;
    }
}
/**
 * Builds and publishes every public tile set of a catalogue with the same engine the server uses for unpublished
 * ones (same readers, allow-lists, region and precision grid; restricted layers never enter a published archive).
 * Every tile set is staged first, beside its published version, and compared with the live version layer by layer;
 * if the publish guard refuses any layer, nothing is published and the staged files are removed (unless
 * `allowShrink`). Otherwise each is switched in. A failure leaves the published versions as they were.
 */
export async function publishCatalog(loaded, options) {
    const publicPart = publicCatalog(loaded);
    const wanted = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
    const staged = [];
    const created = [];
    let published = false;
    try {
        for (const config of publicPart.catalog.tilesets) {
            if (wanted && !wanted.has(config.id))
                continue;
            staged.push(await stageTileset(config, publicPart, options, created));
        }
        const changes = staged.flatMap((entry) => entry.changes);
        const refused = refusedChanges(changes);
        if (refused.length > 0 && !options.allowShrink)
            throw new PublishRefusedError(guardMessage(refused), changes);
        const catalogue = { file: path.basename(loaded.file), sha256: createHash('sha256').update(await readFile(loaded.file)).digest('hex') };
        const results = [];
        for (const entry of staged) {
            const forced = refusedChanges(entry.changes).length > 0;
            const publish = await publishVersion(entry.tilesetDir, entry.archive, {
                keep: keepOf(loaded),
                lookups: entry.lookups,
                record: {
                    builtAt: new Date().toISOString(),
                    catalogue,
                    configHash: configHash(entry.config),
                    config: entry.config,
                    sources: entry.sources,
                    featuresPerLayer: entry.build.featuresPerLayer,
                    guard: forced ? 'forced' : 'passed',
                },
            });
            published = true;
            results.push({ tileset: entry.config.id, build: entry.build, publish, skipped: entry.skipped, changes: entry.changes });
        }
        return results;
    }
    finally {
        for (const entry of staged) {
            await Promise.all([rm(entry.archive, { force: true }), rm(entry.lookups, { force: true })]);
            options.onStaging?.(entry.archive, false);
            options.onStaging?.(entry.lookups, false);
        }
        // A refused or failed first publish leaves no folder behind that was not there before.
        if (!published)
            for (const dir of created.reverse())
                await rmdir(dir).catch(() => undefined);
    }
}
async function stageTileset(config, loaded, options, created) {
    const tilesetDir = path.join(publishDirOf(loaded), config.id);
    const first = await mkdir(tilesetDir, { recursive: true });
    if (first !== undefined) {
        // Every folder from the first one created down to the tile set's, deepest last.
        for (let dir = tilesetDir;; dir = path.dirname(dir)) {
            created.unshift(dir);
            if (dir === first || dir === path.dirname(dir))
                break;
        }
    }
    await cleanStaleStaging(tilesetDir, STAGED_NAMES);
    const archive = stagingPathFor(path.join(tilesetDir, 'archive.pmtiles'));
    const lookups = stagingPathFor(path.join(tilesetDir, 'lookups.sqlite'));
    options.onStaging?.(archive, true);
    options.onStaging?.(lookups, true);
    try {
        const { build, skipped, layers } = await buildTileset(config, loaded.baseDir, loaded.file, configHash(config), { archive, lookups }, options.progress);
        const live = await readLiveVersion(tilesetDir);
        const diffs = live ? compareLookups(live.lookups, lookups) : undefined;
        const changes = config.layers.map((layer) => {
            const before = live?.featuresPerLayer[layer.id] ?? null;
            const after = build.featuresPerLayer[layer.id] ?? 0;
            const diff = diffs ? (diffs.get(layer.id) ?? { added: after, removed: before ?? 0, changed: 0 }) : undefined;
            return { tileset: config.id, layer: layer.id, before, after, ...(diff ? { diff } : {}), verdict: judgeLayer(before, after) };
        });
        const sources = layers.map(({ layer, sha256 }) => ({ layer: layer.id, path: layer.source.path, sha256 }));
        return { config, tilesetDir, archive, lookups, build, skipped, sources, changes };
    }
    catch (error) {
        await Promise.all([rm(archive, { force: true }), rm(lookups, { force: true })]);
        options.onStaging?.(archive, false);
        options.onStaging?.(lookups, false);
        throw error;
    }
}
/** The diff against the live version's look-ups; undefined when they are missing or unreadable. */
function compareLookups(before, after) {
    try {
        return diffLookups(before, after);
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=publish_catalog.js.map