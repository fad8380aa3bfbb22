import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { VersionFiles } from '../store/load_tilesets.js';
/** A published version served while the server builds the current configuration, and its features per layer. */
export interface PublishedFallback {
    readonly version: string;
    readonly featuresPerLayer: Readonly<Record<string, number>>;
}
/**
 * Builds, with the same engine as `safemap build --config`, every tile set nothing published serves, in a child
 * process (one at a time, so memory is bounded by one build, and the server's own thread never tiles), into a
 * temporary folder; and builds again when a source file changes. The server serves these versions exactly like
 * published ones; a failed rebuild leaves the previous version serving.
 */
export declare class LiveBuilds {
    private readonly root;
    private readonly logger;
    private readonly onBuilt;
    private readonly metrics;
    private readonly entries;
    private readonly queue;
    private running;
    private timer;
    private closed;
    private constructor();
    static create(logger: Logger, onBuilt: () => void, pollMs?: number, metrics?: Metrics): Promise<LiveBuilds>;
    /**
     * The newest built version of this configuration (and the ones before it), or undefined; asks for a build if none.
     * `fallback`: the published version served meanwhile, named in the log if the build fails.
     */
    versionsOf(config: TilesetConfig, catalog: LoadedCatalog, fallback?: PublishedFallback): VersionFiles[];
    /**
     * Resolves once every tile set asked for so far has a first version or has failed; rejects with the first failure
     * of a tile set that has nothing else to serve (no published version standing in).
     */
    settled(): Promise<void>;
    /** Tile sets asked for that have no version yet. */
    get waiting(): number;
    /**
     * Forgets the configurations a reload no longer asked for (an edited catalogue's old ones), so their sources stop
     * being watched and rebuilt; their files go once the registries still reading them have closed.
     */
    retainOnly(configs: Iterable<TilesetConfig>): void;
    close(): Promise<void>;
    private entryOf;
    private poll;
    /** Queues a build when the sources differ from those of the last build. */
    private check;
    private drain;
    private build;
}
