import type { Geometry, Position } from 'geojson';
import type { ToWgs84 } from './crs.js';
/** A projected geometry, or why the source geometry cannot be used. */
export type ProjectedGeometry = {
    geometry: Geometry;
} | {
    invalid: string;
};
/**
 * Vertices one feature may have. A detailed district boundary has tens of thousands; a million is a hostile or broken
 * file, and tiling it would take minutes and gigabytes before anything noticed.
 */
export declare const MAX_VERTICES_PER_FEATURE = 250000;
/**
 * Checks a source geometry's structure (finite numbers, enough vertices, closed rings) and projects it to WGS84.
 * Region checks happen later, so a swapped or misplaced geometry still comes out here to be reported precisely.
 */
export declare function projectGeometry(input: unknown, project: ToWgs84, budget?: {
    vertices: number;
    depth: number;
}): ProjectedGeometry;
/** Every position of a geometry, for region checks and CRS sniffing. */
export declare function positionsOf(geometry: Geometry): Generator<Position>;
/** The first few raw positions of an unprojected GeoJSON geometry, to tell degrees from metres. */
export declare function rawPositions(input: unknown, limit?: number): Array<[number, number]>;
