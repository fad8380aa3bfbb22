import { Router } from 'express';
import type { TilesetRegistry } from '../store/tileset_registry.js';
export interface SearchRouteOptions {
    /** Seconds clients may cache answers, which change on republish. */
    metadataMaxAge: number;
    /** Cache-Control instead of the public one: restricted answers are private to one browser. */
    cacheControl?: string;
}
/**
 * `GET /tiles/:id/search?q=&layer=&limit=&hazard=`: features whose names or addresses contain the query, grouped by
 * layer, over every feature of the tile set. `GET /tiles/:id/points/:layer`: every feature of a layer as compact
 * columns (id, lon, lat, name, hazards), so a browser can find the nearest ones itself without ever sending where the
 * resident is.
 */
export declare function searchRoutes(getRegistry: () => TilesetRegistry, options: SearchRouteOptions): Router;
