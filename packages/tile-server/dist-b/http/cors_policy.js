/** Request headers a cross-origin page may send: revalidation and the API key of restricted layers. */
const ALLOWED_REQUEST_HEADERS = 'X-SafeMap-Key, If-None-Match';
const PREFLIGHT_MAX_AGE = '600';
/**
 * Who may read public data (tiles, TileJSON, styles, catalogue, features) cross-origin. With `*` (the default for
 * public data) every response carries a constant header; with a list, the request's Origin is echoed when listed and
 * `Vary: Origin` keeps caches honest. Credentials are never allowed: nothing SafeMap serves depends on cookies.
 */
export class CorsPolicy {
    any;
    origins;
    static anyHeaders = Object.freeze(['Access-Control-Allow-Origin', '*']);
    static none = Object.freeze([]);
    constructor(origins = ['*']) {
        this.any = origins.includes('*');
        this.origins = new Set(origins.map((origin) => origin.replace(/\/+$/, '')));
    }
    /** True when a page at `origin` may read public data. */
    allows(origin) {
        return this.any || (origin !== undefined && this.origins.has(origin));
    }
    /** True when answers depend on the Origin header, so responses must say `Vary: Origin`. */
    get variesByOrigin() {
        return !this.any;
    }
    /** The Access-Control headers of an actual response, as a flat `[name, value, …]` list (without Vary). */
    headerList(origin) {
        if (this.any)
            return CorsPolicy.anyHeaders;
        if (origin !== undefined && this.origins.has(origin))
            return ['Access-Control-Allow-Origin', origin];
        return CorsPolicy.none;
    }
    /** The same headers as an object, with `Vary: Origin` when needed, for Express responses. */
    headers(origin) {
        const list = this.headerList(origin);
        const out = this.any ? {} : { Vary: 'Origin' };
        for (let i = 0; i < list.length; i += 2)
            out[list[i]] = list[i + 1];
        return out;
    }
}
/** True for a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(req) {
    return req.method === 'OPTIONS' && req.headers.origin !== undefined && req.headers['access-control-request-method'] !== undefined;
}
/**
 * Answers a preflight (or a plain OPTIONS) with 204: the methods are always GET and HEAD; the origin is granted only
 * when `allowOrigin` is given. `extra` carries the security headers every response gets.
 */
export function sendPreflight(res, allowOrigin, vary, extra) {
    const headers = [...extra, 'Allow', 'GET, HEAD, OPTIONS', 'Cache-Control', 'no-store'];
    if (allowOrigin !== undefined) {
        headers.push('Access-Control-Allow-Origin', allowOrigin, 'Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS, 'Access-Control-Max-Age', PREFLIGHT_MAX_AGE);
    }
    if (vary)
        headers.push('Vary', 'Origin');
    res.writeHead(204, headers);
    res.end();
}
//# sourceMappingURL=cors_policy.js.map