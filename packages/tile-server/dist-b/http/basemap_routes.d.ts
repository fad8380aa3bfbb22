import { Router } from 'express';
import type { BasemapConfig } from '../catalog/catalog_schema.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
export interface BasemapRouteOptions {
    /** The catalogue file; basemap paths in it are relative to its folder. Without it no basemap is served. */
    catalogPath: string | undefined;
    /** Seconds clients may cache the unversioned URLs (TileJSON, gazetteer, archive alias). */
    maxAge: number;
    publicUrl: string | undefined;
    fallbackUrl: string;
}
/** The basemap name the catalogue entry is served under: the archive's file name without `.pmtiles`. */
export declare function basemapName(config: Pick<BasemapConfig, 'archive'>): string;
/**
 * `GET /basemap/{name}.json` (TileJSON whose tiles are read from the archive by the `pmtiles` protocol),
 * `/basemap/{name}@{hash}.pmtiles` (the archive, immutable, HTTP range requests), `/basemap/{name}.pmtiles` (the same,
 * revalidated) and `/basemap/{name}.places.json` (the place gazetteer). Only archives named in the catalogue are served.
 */
export declare function basemapRoutes(getRegistry: () => TilesetRegistry, options: BasemapRouteOptions): Router;
