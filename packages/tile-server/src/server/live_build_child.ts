import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import { isSafeMapError } from '../errors.js';
import { buildTileset } from '../tiling/build_tileset.js';
import { silentProgress } from '../tiling/progress.js';

/** What the server asks of a build process: one tile set, built into `dir` as `<version>.pmtiles` and look-ups. */
export interface LiveBuildRequest {
  readonly config: TilesetConfig;
  readonly baseDir: string;
  readonly catalogFile: string;
  readonly configHash: string;
  readonly dir: string;
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
