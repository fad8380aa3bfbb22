import type { TilesetConfig } from '../catalog/catalog_schema.js';
/**
 * What a published version was made from, written beside its archive at publish time (`versions/<version>.json`):
 * `safemap versions` lists it, the publish guard compares against it, and the server checks that the version still
 * fits the catalogue (no layer since made restricted, no property since removed, no coarser precision grid since).
 */
export interface VersionRecord {
    readonly version: string;
    /** ISO 8601 time the build finished. */
    readonly builtAt: string;
    /** The catalogue file and the SHA-256 of its bytes at build time. */
    readonly catalogue: {
        readonly file: string;
        readonly sha256: string;
    };
    /** Fingerprint of the tile set's public configuration (as in the archive's `config_sha256`). */
    readonly configHash: string;
    /** The public configuration the version was built from: what it may hold. */
    readonly config: TilesetConfig;
    readonly sources: ReadonlyArray<{
        readonly layer: string;
        readonly path: string;
        readonly sha256: string;
    }>;
    readonly featuresPerLayer: Readonly<Record<string, number>>;
    /** `passed`: the publish guard let it through; `forced`: published with `--allow-shrink` over a refusal. */
    readonly guard: 'passed' | 'forced';
    /** SHA-256 of the look-up file, checked by the server with the archive's. */
    readonly lookupsSha256?: string;
}
export declare function writeVersionRecord(tilesetDir: string, record: VersionRecord): Promise<void>;
/** The record of a version, or undefined when there is none (published before records existed) or it is unreadable. */
export declare function readVersionRecord(tilesetDir: string, version: string): Promise<VersionRecord | undefined>;
