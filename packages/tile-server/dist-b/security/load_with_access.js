import { ApiKeyRing } from './api_keys.js';
import { publicCatalog, restrictedCatalog } from '../catalog/split_restricted.js';
/**
 * Splits a catalogue by access and loads each part with `load`: the public registry never holds a restricted layer,
 * so no public route can leak one whatever it does.
 */
export async function loadWithAccess(catalog, load) {
    const restrictedPart = restrictedCatalog(catalog);
    const [registry, restrictedRegistry] = await Promise.all([load(publicCatalog(catalog)), restrictedPart ? load(restrictedPart) : undefined]);
    return {
        registry,
        restricted: restrictedRegistry ? { registry: restrictedRegistry, keys: new ApiKeyRing(catalog.catalog.apiKeys) } : undefined,
    };
}
//# sourceMappingURL=load_with_access.js.map