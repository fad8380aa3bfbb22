/** TileJSON 3.0.0 for a tile set; the tile URL carries the version so a client never mixes two publications. */
export function buildTileJson(tileset, baseUrl) {
    return {
        tilejson: '3.0.0',
        name: tileset.title.en,
        description: tileset.description?.en ?? tileset.title.en,
        version: '1.0.0',
        attribution: tileset.attribution,
        scheme: 'xyz',
        tiles: [`${baseUrl}/tiles/${tileset.id}@${tileset.source.version}/{z}/{x}/{y}.mvt`],
        minzoom: tileset.minzoom,
        maxzoom: tileset.maxzoom,
        bounds: [...tileset.bounds],
        center: [...tileset.center],
        vector_layers: tileset.layers.map((layer) => ({
            id: layer.id,
            description: `${layer.title.en} / ${layer.title.ko}`,
            minzoom: layer.minzoom,
            maxzoom: layer.maxzoom,
            fields: Object.fromEntries(Object.entries(layer.properties).map(([name, type]) => [name, capitalize(type)])),
        })),
        'safemap:version': tileset.source.version,
    };
}
function capitalize(type) {
    return type.charAt(0).toUpperCase() + type.slice(1);
}
//# sourceMappingURL=tilejson.js.map