/** What a response is, for the headers that differ between tiles, API data and HTML pages. */
export type ResponseKind = 'data' | 'page' | 'tile';
/**
 * The whole header set of a tile, with the reason for each. A tile is binary data fetched by MapLibre with `fetch`;
 * no browser renders, frames or navigates it, so the document headers (CSP, X-Frame-Options, COOP, X-XSS-Protection,
 * X-Download-Options, X-Permitted-Cross-Domain-Policies, X-DNS-Prefetch-Control, Origin-Agent-Cluster, Referrer-Policy)
 * mean nothing on it and cost a header block on the hottest path. What stays protects the bytes themselves.
 */
export declare const TILE_HEADERS: Readonly<Record<string, string>>;
/**
 * The CSP of every non-HTML response: JSON, tiles and problems are never rendered, so nothing may load or frame them.
 * Pages replace it with `pageCsp`.
 */
export declare const DATA_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/**
 * helmet's default header set, computed once at start-up so the tile fast path can send it without running
 * middleware. Two values differ from helmet's defaults on purpose: data responses get a CSP that allows nothing, and
 * `Cross-Origin-Resource-Policy: cross-origin`, because tiles, styles and the widget bundle exist to be used by other
 * origins' pages (a `same-origin` policy would break every embedding agency page).
 */
export declare function securityHeaders(kind?: ResponseKind): Readonly<Record<string, string>>;
/** A header set as a flat `[name, value, …]` list, the cheapest form for `writeHead`. */
export declare function securityHeaderList(kind?: ResponseKind): readonly string[];
