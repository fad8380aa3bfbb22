import type { Tileset } from '../store/tileset.js';
import { positionInTiles } from '../tiling/tile_coords.js';
import { buildTileJson } from './tilejson.js';

/** MapLibre's vector tiles are 512 screen pixels wide at their own zoom. */
const TILE_PIXELS = 512;

/**
 * Where a tile set's map opens, in the grid of the safety tiles MapLibre will ask for there: the page script only has
 * to add the map's size in pixels to know which tiles those are, and fetches them before MapLibre has even loaded.
 */
export interface FirstView {
  /** The safety source's tile URL template, the same string the style gives MapLibre. */
  readonly tiles: string;
  /** The tile zoom MapLibre covers the opening zoom with: its whole part, within the source's zoom range. */
  readonly z: number;
  /** The opening centre in tiles of zoom `z`, with fractions. */
  readonly x: number;
  readonly y: number;
  /** Screen pixels per tile of zoom `z` at the opening zoom. */
  readonly tilePixels: number;
  /** The tiles of zoom `z` inside the source's bounds: `[west, north, east, south]` columns and rows. */
  readonly range: readonly [number, number, number, number];
}

/** The first view of `tileset` for a page whose links start with `baseUrl`; undefined when it opens below its tiles. */
export function firstView(tileset: Tileset, baseUrl: string): FirstView | undefined {
  const { tiles, minzoom, maxzoom, bounds } = buildTileJson(tileset, baseUrl);
  const [lon, lat, zoom] = tileset.center;
  if (Math.floor(zoom) < minzoom) return undefined;
  const z = Math.min(Math.floor(zoom), maxzoom);
  const centre = positionInTiles(lon, lat, z);
  const [west, south, east, north] = bounds;
  const northWest = positionInTiles(west!, north!, z);
  const southEast = positionInTiles(east!, south!, z);
  return {
    tiles: tiles[0]!,
    z,
    x: centre.x,
    y: centre.y,
    tilePixels: TILE_PIXELS * 2 ** (zoom - z),
    range: [Math.floor(northWest.x), Math.floor(northWest.y), Math.floor(southEast.x), Math.floor(southEast.y)],
  };
}

/**
 * The first view as a JSON data block for the page's head. A browser never runs a `type="application/json"` script,
 * so the page CSP is untouched; `<` is escaped so no value can close the element.
 */
export function firstViewBlock(view: FirstView): string {
  return `<script type="application/json" id="safemap-first-view">${JSON.stringify(view).replace(/</g, '\\u003c')}</script>`;
}
