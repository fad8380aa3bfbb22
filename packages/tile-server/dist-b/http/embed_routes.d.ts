import { Router, type Request } from 'express';
import type { TilesetRegistry } from '../store/tileset_registry.js';
export interface EmbedRouteOptions {
    getRegistry: () => TilesetRegistry;
    /** `frame-ancestors` sources: the agency sites allowed to put `/embed` in an iframe. */
    frameAncestors: readonly string[];
    /** Folder holding embed.html, embed.js and embed.css. */
    assetDir?: string;
    /** Folder of the built widget, whose manifest names the versioned bundle the page loads. */
    widgetDir?: string;
}
/** The validated settings of an `/embed` request; what the page's script will read back from the URL. */
export interface EmbedParams {
    tileset: string;
    lang?: 'ko' | 'en';
    layers?: string[];
    center?: [number, number];
    zoom?: number;
}
/** The embed page's files shipped with the package (same relative place from src/ and dist/). */
export declare function defaultEmbedDir(): string;
/**
 * `GET /embed?tileset=&lang=&layers=&center=&zoom=`: a full-window map for an `<iframe>`, for agencies that cannot
 * change their own CSP. Every parameter is checked against the catalogue or a fixed pattern and a bad one is a 400
 * problem that never repeats it; the HTML itself is a fixed file, so nothing from the URL is ever written into it.
 */
export declare function embedRoutes(options: EmbedRouteOptions): Router;
/** Validates an `/embed` query; throws BAD_PARAMETER or NOT_FOUND naming the parameter, never its value. */
export declare function parseEmbedParams(req: Pick<Request, 'query'>, registry: TilesetRegistry): EmbedParams;
