import { type LayerCheck } from '../ingest/check_catalog_sources.js';
import { type LayerChange } from '../publish/publish_guard.js';
import { type ExitCode } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';
/** The live (published) version of a tile set and its features per layer. */
export interface LiveVersion {
    readonly version: string;
    readonly featuresPerLayer: Record<string, number>;
}
/** What `safemap validate --config` found, per tile set and layer; the `--json` output. */
export interface CatalogValidation {
    readonly catalogue: string;
    readonly clean: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly tilesets: ReadonlyArray<{
        readonly id: string;
        readonly live: LiveVersion | null;
        readonly layers: ReadonlyArray<LayerCheck & {
            readonly live: number | null;
            readonly change: number | null;
            readonly guard: LayerChange['verdict'] | null;
        }>;
    }>;
    /** Layers the publish guard would refuse: `build --config` would exit 7 and keep the live version. */
    readonly refused: ReadonlyArray<{
        readonly tileset: string;
        readonly layer: string;
        readonly live: number | null;
        readonly features: number;
        readonly verdict: LayerChange['verdict'];
    }>;
}
/**
 * `safemap validate --config CATALOGUE [TILESET…]`: the dry run of `build --config`. Reads every layer's source as the
 * build would, checks it against the catalogue, and compares feature counts with the live version. Writes nothing.
 */
export declare function validateCatalog(file: string, only: readonly string[], json: boolean, io: CommandIo): Promise<ExitCode>;
export declare function formatCatalogValidation(report: CatalogValidation): string;
