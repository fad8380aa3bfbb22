/** The layers a version holds, from its record (exact) or from its archive's `vector_layers` (names only). */
export function heldLayers(record, metadata) {
    if (record) {
        return record.config.layers.map((layer) => ({ id: layer.id, properties: Object.keys(layer.properties), precision: layer.precision ?? null, maxzoom: layer.maxzoom }));
    }
    const layers = Array.isArray(metadata.vector_layers) ? metadata.vector_layers : [];
    return layers
        .filter((layer) => typeof layer.id === 'string')
        .map((layer) => ({
        id: layer.id,
        properties: layer.fields && typeof layer.fields === 'object' ? Object.keys(layer.fields) : [],
        precision: 'unknown',
        maxzoom: typeof layer.maxzoom === 'number' ? layer.maxzoom : 24,
    }));
}
/**
 * Why a version may no longer be served under the current (public) configuration of its tile set, or undefined when
 * it may. A version built from the same configuration always may. Otherwise it holds data the catalogue has since
 * withdrawn when one of its layers is gone from the public tile set (made `restricted`, removed), carries a property
 * no longer on the allow-list, or has positions finer than a precision grid added or coarsened since. Such versions
 * must stop answering, even their own versioned URLs: what was withdrawn must not stay public until pruned.
 */
export function unfitReason(held, builtFrom, current, currentHash) {
    if (builtFrom !== undefined && builtFrom === currentHash)
        return undefined;
    for (const layer of held) {
        const now = current?.layers.find((candidate) => candidate.id === layer.id);
        if (!now)
            return `layer ${layer.id} is no longer public in the catalogue (made restricted or removed)`;
        const allowed = new Set(Object.keys(now.properties));
        const withdrawn = layer.properties.filter((name) => !allowed.has(name));
        if (withdrawn.length > 0)
            return `layer ${layer.id}: ${withdrawn.join(', ')} ${withdrawn.length === 1 ? 'is' : 'are'} no longer on the allow-list`;
        if (!now.precision)
            continue;
        if (layer.precision === 'unknown' || layer.precision === null)
            return `layer ${layer.id} now has a ${now.precision.gridMeters} m precision grid; this version is finer`;
        if (layer.precision.gridMeters < now.precision.gridMeters || Math.min(layer.maxzoom, layer.precision.maxzoom) > now.precision.maxzoom) {
            return `layer ${layer.id}: its precision grid is now ${now.precision.gridMeters} m up to zoom ${now.precision.maxzoom}; this version is finer`;
        }
    }
    return undefined;
}
//# sourceMappingURL=version_fits.js.map