import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import type { RestrictedAccess } from './security_options.js';
/** The public registry and, apart from it, the restricted layers with the keys that unlock them. */
export interface AccessRegistries {
    readonly registry: TilesetRegistry;
    readonly restricted: RestrictedAccess | undefined;
}
/**
 * Splits a catalogue by access and loads each part with `load`: the public registry never holds a restricted layer,
 * so no public route can leak one whatever it does.
 */
export declare function loadWithAccess(catalog: LoadedCatalog, load: (catalog: LoadedCatalog) => Promise<TilesetRegistry>): Promise<AccessRegistries>;
