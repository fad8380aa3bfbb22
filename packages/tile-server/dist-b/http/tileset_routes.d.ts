import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
export interface TilesetRouteOptions {
    publicUrl: string | undefined;
    fallbackUrl: string;
    /** Seconds clients may cache feature look-ups; the catalogue, TileJSON and styles are always revalidated. */
    metadataMaxAge: number;
    /** Cache-Control of feature look-ups instead of the public one: restricted look-ups are private to one browser. */
    lookupCacheControl?: string;
}
/** Catalogue, TileJSON, style and feature look-ups: everything about a tile set except its tiles. */
export declare function tilesetRoutes(getRegistry: () => TilesetRegistry, options: TilesetRouteOptions): Router;
/** The tile set named in a request: 404 when the catalogue has none, 503 while its archive is refused. */
export declare function requireTileset(registry: TilesetRegistry, id: string | undefined): Tileset;
/** The answer for a tile set whose published archive was refused at load: temporary, so 503 and not 404. */
export declare function tilesetUnavailable(): SafeMapError;
