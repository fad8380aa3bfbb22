import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import { isSafeMapError } from '../errors.js';
import { judgeLayer } from '../publish/publish_guard.js';
import { buildTileset } from '../tiling/build_tileset.js';
import { silentProgress } from '../tiling/progress.js';

/** What the server asks of a build process: one tile set, built into `dir` as `<version>.pmtiles` and look-ups. */
export interface LiveBuildRequest {
  readonly config: TilesetConfig;
  readonly baseDir: string;
  readonly catalogFile: string;
  readonly configHash: string;
  readonly dir: string;
  /**
   * Features per layer of the published version served meanwhile: the build is refused by the publish guard
   * against it (a layer empty, or fewer than half), so a broken source cannot replace a good version.
   */
  readonly guard?: Readonly<Record<string, number>>;
}

export type LiveBuildReply =
  | { readonly ok: true; readonly version: string; readonly archive: string; readonly lookups: string; readonly tiles: number; readonly features: number; readonly skipped: number }
  | { readonly ok: false; readonly code: string | undefined; readonly message: string };

/** Builds one tile set and names the result by the archive's content hash, as a published version is named. */
export async function runLiveBuild(request: LiveBuildRequest): Promise<LiveBuildReply> {
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
    for await (const chunk of createReadStream(staged.archive)) hash.update(chunk as Buffer);
    const version = hash.digest('hex').slice(0, 16);
    const archive = path.join(request.dir, `${version}.pmtiles`);
    const lookups = path.join(request.dir, `${version}.lookups.sqlite`);
    await rename(staged.lookups, lookups);
    await rename(staged.archive, archive);
    const features = Object.values(build.featuresPerLayer).reduce((sum, count) => sum + count, 0);
    return { ok: true, version, archive, lookups, tiles: build.tiles, features, skipped };
  } catch (error) {
    return { ok: false, code: isSafeMapError(error) ? error.code : undefined, message: (error as Error).message };
  }
}

// Run as a child process: one request in, one reply out, then exit so every byte of the build's memory is returned.
if (process.send && process.argv.includes('--safemap-live-build')) {
  process.once('message', (request: LiveBuildRequest) => {
    void runLiveBuild(request).then((reply) => process.send!(reply, () => process.exit(0)));
  });
}
