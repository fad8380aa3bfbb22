import type { SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { TilesetLayer } from '../store/tileset.js';
/** Zoom from which point layers show their icon over the circle; below it icons would only hide each other. */
export declare const ICON_MINZOOM = 13;
/** Zoom from which features' names are written beside their icons (shelter names, say). */
export declare const NAME_MINZOOM = 15;
/**
 * What a legend needs to show a point layer as the map does: the sprite image of the layer and, for layers whose
 * icon varies with a property (shelters by `kind`), the image of each value. Published in `/catalog` as `icons`.
 */
export interface LayerIcons {
    /** Sprite image of the layer, used when a feature's value has no image of its own. */
    readonly icon: string;
    /** The property whose value picks the image, and the image of each value. */
    readonly by?: {
        readonly property: string;
        readonly values: Readonly<Record<string, string>>;
    };
}
/** The legend icons of a layer, or undefined for layers drawn without icons (lines, areas, backdrops). */
export declare function layerIcons(layer: TilesetLayer): LayerIcons | undefined;
/** The sprite URL of a tile set; MapLibre appends `[@2x].json|.png`. */
export declare function spriteUrl(baseUrl: string, tilesetId: string): string;
/**
 * Icon symbol layers drawn on top of a point layer's circles, tagged with the same `safemap:layer` so a legend
 * toggles both. Shelters pick the icon of their `kind` and fall back to the generic shelter icon.
 */
export declare function iconLayers(source: string, layer: TilesetLayer): SymbolLayerSpecification[];
/** Feature names under the icons at street zooms, for layers that publish a `name` (shelters' names, say). */
export declare function nameLayers(source: string, layer: TilesetLayer): SymbolLayerSpecification[];
