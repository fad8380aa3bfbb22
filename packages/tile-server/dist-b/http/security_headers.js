import helmet from 'helmet';
/**
 * The whole header set of a tile, with the reason for each. A tile is binary data fetched by MapLibre with `fetch`;
 * no browser renders, frames or navigates it, so the document headers (CSP, X-Frame-Options, COOP, X-XSS-Protection,
 * X-Download-Options, X-Permitted-Cross-Domain-Policies, X-DNS-Prefetch-Control, Origin-Agent-Cluster, Referrer-Policy)
 * mean nothing on it and cost a header block on the hottest path. What stays protects the bytes themselves.
 */
export const TILE_HEADERS = Object.freeze({
    // A tile must never be sniffed into script or HTML if a browser is tricked into loading it as such.
    'X-Content-Type-Options': 'nosniff',
    // Other origins' pages embed the map, so they may read tiles; the policy is explicit rather than left to defaults.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    // Over HTTPS, any response may be the first one a browser sees from this host: every response pins HTTPS.
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
});
/**
 * The CSP of every non-HTML response: JSON, tiles and problems are never rendered, so nothing may load or frame them.
 * Pages replace it with `pageCsp`.
 */
export const DATA_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/**
 * helmet's default header set, computed once at start-up so the tile fast path can send it without running
 * middleware. Two values differ from helmet's defaults on purpose: data responses get a CSP that allows nothing, and
 * `Cross-Origin-Resource-Policy: cross-origin`, because tiles, styles and the widget bundle exist to be used by other
 * origins' pages (a `same-origin` policy would break every embedding agency page).
 */
export function securityHeaders(kind = 'data') {
    if (kind === 'tile')
        return TILE_HEADERS;
    const headers = {};
    const middleware = helmet({
        contentSecurityPolicy: false,
        crossOriginResourcePolicy: { policy: kind === 'page' ? 'same-origin' : 'cross-origin' },
    });
    const fakeResponse = {
        setHeader: (name, value) => void (headers[name] = String(value)),
        removeHeader: (name) => void delete headers[name],
    };
    middleware({}, fakeResponse, () => undefined);
    if (kind === 'data')
        headers['Content-Security-Policy'] = DATA_CSP;
    return Object.freeze(headers);
}
/** A header set as a flat `[name, value, …]` list, the cheapest form for `writeHead`. */
export function securityHeaderList(kind = 'data') {
    return Object.freeze(Object.entries(securityHeaders(kind)).flat());
}
//# sourceMappingURL=security_headers.js.map