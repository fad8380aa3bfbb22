/** Default most features a layer may have to get a static look-up file. */
export const DEFAULT_LOOKUP_FEATURES = 5000;
/**
 * The static stand-in for the server's search, nearest and feature routes: for each safety layer of at most
 * `maxFeatures` features, one JSON of columns (id, lon, lat, then each published property). The browser downloads it
 * once (the same file for everyone, so nothing says where a resident is) and searches and ranks it itself. Larger
 * layers (a city's CCTV) get none: their features still show on the map and in popups from the tiles, and the widget
 * leaves them out of search and lists, as it says.
 */
export function staticLookups(tileset, maxFeatures) {
    const files = [];
    const skipped = [];
    if (!tileset.index)
        return { files, skipped };
    const columns = new Map();
    const keys = new Map();
    for (const layer of tileset.layers) {
        if (layer.basemap)
            continue;
        keys.set(layer.id, Object.keys(layer.properties));
        columns.set(layer.id, { id: [], lon: [], lat: [], ...Object.fromEntries(Object.keys(layer.properties).map((key) => [key, []])) });
    }
    for (const [layer, out] of columns) {
        for (const entry of tileset.index.entries(layer)) {
            out.id.push(entry.id);
            out.lon.push(round(entry.lon));
            out.lat.push(round(entry.lat));
            // Only keys on the allow-list, whatever the look-up file holds.
            for (const key of keys.get(layer))
                out[key].push(Object.hasOwn(entry.properties, key) ? entry.properties[key] : null);
        }
    }
    for (const [layer, out] of columns) {
        const count = out.id.length;
        if (count === 0)
            continue;
        if (count > maxFeatures) {
            skipped.push({ layer, count });
            continue;
        }
        files.push({ layer, count, body: JSON.stringify({ layer, count, ...out }) });
    }
    return { files, skipped };
}
/** Six decimals, as the server's point lists: about 0.1 m. */
function round(value) {
    return Math.round(value * 1e6) / 1e6;
}
//# sourceMappingURL=static_lookups.js.map