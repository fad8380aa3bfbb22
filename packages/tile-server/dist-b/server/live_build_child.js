import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isSafeMapError } from '../errors.js';
import { judgeLayer } from '../publish/publish_guard.js';
import { buildTileset } from '../tiling/build_tileset.js';
import { silentProgress } from '../tiling/progress.js';
/** Builds one tile set and names the result by the archive's content hash, as a published version is named. */
export async function runLiveBuild(request) {
    try {
        await mkdir(request.dir, { recursive: true });
        const stamp = `${process.pid}-${Date.now()}`;
        const staged = { archive: path.join(request.dir, `.building-${stamp}.pmtiles`), lookups: path.join(request.dir, `.building-${stamp}.lookups.sqlite`) };
        const { build, skipped } = await buildTileset(request.config, request.baseDir, request.catalogFile, request.configHash, staged, silentProgress);
        if (request.guard) {
            const guard = request.guard;
            const refused = request.config.layers
                .map((layer) => ({ layer: layer.id, before: guard[layer.id] ?? null, after: build.featuresPerLayer[layer.id] ?? 0 }))
                .filter((change) => judgeLayer(change.before, change.after) !== 'ok');
            if (refused.length > 0) {
                await Promise.all([rm(staged.archive, { force: true }), rm(staged.lookups, { force: true })]);
                const what = refused.map((change) => `${change.layer} ${change.before ?? 'none'} → ${change.after}`).join(', ');
                return { ok: false, code: 'DATA_INVALID', message: `the publish guard refused the build (${what} features): a layer would be empty or lose more than half of its features` };
            }
        }
        const hash = createHash('sha256');
        for await (const chunk of createReadStream(staged.archive))
            hash.update(chunk);
        const version = hash.digest('hex').slice(0, 16);
        const archive = path.join(request.dir, `${version}.pmtiles`);
        const lookups = path.join(request.dir, `${version}.lookups.sqlite`);
        await rename(staged.lookups, lookups);
        await rename(staged.archive, archive);
        const features = Object.values(build.featuresPerLayer).reduce((sum, count) => sum + count, 0);
        return { ok: true, version, archive, lookups, tiles: build.tiles, features, skipped };
    }
    catch (error) {
        return { ok: false, code: isSafeMapError(error) ? error.code : undefined, message: error.message };
    }
}
// Run as a child process: one request in, one reply out, then exit so every byte of the build's memory is returned.
if (process.send && process.argv.includes('--safemap-live-build')) {
    process.once('message', (request) => {
        void runLiveBuild(request).then((reply) => process.send(reply, () => process.exit(0)));
    });
}
//# sourceMappingURL=live_build_child.js.map