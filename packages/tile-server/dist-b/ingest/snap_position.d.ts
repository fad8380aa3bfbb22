import type { Position } from 'geojson';
/**
 * Snaps a WGS84 position to a grid of `gridMeters` on the ground: latitude in steps of that many metres, longitude in
 * steps as wide at the snapped latitude. Many positions in one cell become one position, so no tile, look-up or
 * zoom level can reveal more than the cell.
 */
export declare function snapPosition(position: Position, gridMeters: number): Position;
