import type { IncomingMessage, ServerResponse } from 'node:http';
/**
 * Who may read public data (tiles, TileJSON, styles, catalogue, features) cross-origin. With `*` (the default for
 * public data) every response carries a constant header; with a list, the request's Origin is echoed when listed and
 * `Vary: Origin` keeps caches honest. Credentials are never allowed: nothing SafeMap serves depends on cookies.
 */
export declare class CorsPolicy {
    readonly any: boolean;
    private readonly origins;
    private static readonly anyHeaders;
    private static readonly none;
    constructor(origins?: readonly string[]);
    /** True when a page at `origin` may read public data. */
    allows(origin: string | undefined): boolean;
    /** True when answers depend on the Origin header, so responses must say `Vary: Origin`. */
    get variesByOrigin(): boolean;
    /** The Access-Control headers of an actual response, as a flat `[name, value, …]` list (without Vary). */
    headerList(origin: string | undefined): readonly string[];
    /** The same headers as an object, with `Vary: Origin` when needed, for Express responses. */
    headers(origin: string | undefined): Record<string, string>;
}
/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export declare function isPreflight(req: IncomingMessage): boolean;
/**
 * Answers a preflight (or a plain OPTIONS) with 204: the methods are always GET and HEAD; the origin is granted only
 * when `allowOrigin` is given. `extra` carries the security headers every response gets.
 */
export declare function sendPreflight(res: ServerResponse, allowOrigin: string | undefined, vary: boolean, extra: readonly string[]): void;
