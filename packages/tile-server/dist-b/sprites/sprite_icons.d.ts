import type { TilesetLayer } from '../store/tileset.js';
/** One image of a sprite sheet: its name in the style and the SVG it is drawn from. */
export interface SpriteIcon {
    /** Image name, as `icon-image` and legends refer to it: the catalogue layer id, or `<layer>-<shelter kind>`. */
    readonly name: string;
    /** SVG file name in the icon folder. */
    readonly file: string;
    /** Disc colour: the layer's catalogue colour, substituted for `currentColor` in the SVG. */
    readonly color: string;
}
/** Shelter kinds that have their own icon; `earthquake-outdoor` is how the national data spells the earthquake kind. */
export declare const SHELTER_KIND_ICONS: Readonly<Record<string, string>>;
/** The folder of the icon SVGs shipped with the package (same relative place from src/ and dist/). */
export declare function defaultIconDir(): string;
/** True when a layer draws shelters, whose icons vary with their `kind` property. */
export declare function isShelterLayer(layer: Pick<TilesetLayer, 'id'>): boolean;
/** The icons of a tile set's data layers (basemap layers have none), in catalogue order. */
export declare function spriteIconsFor(layers: readonly TilesetLayer[]): SpriteIcon[];
/** Reads an icon's SVG with its disc colour filled in; the colour comes from the validated catalogue. */
export declare function iconSvg(icon: SpriteIcon, iconDir: string): Buffer;
