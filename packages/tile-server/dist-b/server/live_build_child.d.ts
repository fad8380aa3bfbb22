import type { TilesetConfig } from '../catalog/catalog_schema.js';
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
export type LiveBuildReply = {
    readonly ok: true;
    readonly version: string;
    readonly archive: string;
    readonly lookups: string;
    readonly tiles: number;
    readonly features: number;
    readonly skipped: number;
} | {
    readonly ok: false;
    readonly code: string | undefined;
    readonly message: string;
};
/** Builds one tile set and names the result by the archive's content hash, as a published version is named. */
export declare function runLiveBuild(request: LiveBuildRequest): Promise<LiveBuildReply>;
