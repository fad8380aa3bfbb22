/**
 * The catalogue as the public may see it: restricted layers removed, and tile sets left without layers dropped. The
 * public registry is built from this alone, so a restricted layer cannot reach a public tile, TileJSON, style,
 * catalogue entry or feature look-up by any route.
 */
export function publicCatalog(loaded) {
    return withLayers(loaded, (layer) => layer.access !== 'restricted');
}
/**
 * The companion catalogue of restricted layers only, each tile set keeping its id; served under `/restricted/…` and
 * only with an API key. Undefined when nothing is restricted.
 */
export function restrictedCatalog(loaded) {
    const restricted = withLayers(loaded, (layer) => layer.access === 'restricted');
    return restricted.catalog.tilesets.length > 0 ? restricted : undefined;
}
function withLayers(loaded, keep) {
    const tilesets = [];
    for (const tileset of loaded.catalog.tilesets) {
        const layers = tileset.layers.filter(keep).map(capPrecisionZoom);
        if (layers.length > 0)
            tilesets.push({ ...tileset, layers });
    }
    const catalog = { ...loaded.catalog, tilesets };
    return { ...loaded, catalog };
}
/** A sensitive layer is not cut above its precision zoom: no tile ever carries it finer than that. */
function capPrecisionZoom(layer) {
    if (!layer.precision || layer.maxzoom <= layer.precision.maxzoom)
        return layer;
    return { ...layer, maxzoom: layer.precision.maxzoom };
}
//# sourceMappingURL=split_restricted.js.map