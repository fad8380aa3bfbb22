import { Router } from 'express';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { SpriteStore } from './sprite_store.js';
export interface SpriteRouteOptions {
    /** Seconds clients may cache a sprite; it changes only when the tile set is republished. */
    maxAge: number;
    /** Where the icons come from; a shared store lets tests and servers reuse rendered sheets. */
    store?: SpriteStore;
}
/** `GET /sprites/{tileset}.json|.png` and `@2x` variants: icon sheets in MapLibre's sprite format. */
export declare function spriteRoutes(getRegistry: () => TilesetRegistry, options: SpriteRouteOptions): Router;
