import { type SpriteIcon } from './sprite_icons.js';
/** One entry of a MapLibre sprite index. */
export interface SpriteIndexEntry {
    x: number;
    y: number;
    width: number;
    height: number;
    pixelRatio: number;
}
/** A rendered sprite: the MapLibre JSON index and the PNG sheet it points into. */
export interface SpriteSheet {
    readonly index: Readonly<Record<string, SpriteIndexEntry>>;
    readonly png: Buffer;
}
/** Icon edge in CSS pixels; 24 keeps symbols legible on phones without hiding the streets under them. */
export declare const ICON_SIZE = 24;
/**
 * Rasterises the icons with sharp (librsvg) at `pixelRatio` and packs them on a grid. Deterministic: the same icons
 * give the same bytes, so the sheet can be cached and its ETag is stable.
 */
export declare function buildSpriteSheet(icons: readonly SpriteIcon[], iconDir: string, pixelRatio: 1 | 2): Promise<SpriteSheet>;
