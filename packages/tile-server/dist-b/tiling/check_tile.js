import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
/** Decodes every layer and feature (geometry and properties) of a tile with @mapbox/vector-tile; throws if it cannot. */
export function checkTileDecodes(bytes) {
    const tile = new VectorTile(new PbfReader(bytes));
    for (const name of Object.keys(tile.layers)) {
        const layer = tile.layers[name];
        for (let i = 0; i < layer.length; i++) {
            if (layer.feature(i).loadGeometry().length === 0)
                throw new Error(`layer ${name} feature ${i} has no geometry`);
        }
    }
}
//# sourceMappingURL=check_tile.js.map