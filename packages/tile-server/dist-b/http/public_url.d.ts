import type { Request } from 'express';
/**
 * Which base URL the catalogue, TileJSON and styles may put in front of their links. Those documents are cached by
 * browsers and shared caches whose key usually ignores the Host header (nginx: `$scheme$proxy_host$request_uri`), so a
 * link built from an unchecked Host would hand one client's forged header to every later visitor.
 *
 * - With a public URL, links always use it and the request's Host plays no part.
 * - Otherwise a Host is used only when allowed: listed in `allowedHosts` (exact `name[:port]`), or, when no list is
 *   given, `localhost` or one of this machine's own addresses at the port the request arrived on. Any other Host gets
 *   421 Misdirected Request, which no cache keeps. Answers built from the Host say `Vary: Host`.
 */
export declare class HostPolicy {
    private readonly configured;
    private readonly allowed;
    private readonly ownAddresses;
    constructor(publicUrl: string | undefined, allowedHosts?: readonly string[]);
    /** True when answers never depend on the request's Host. */
    get fixed(): boolean;
    /** The base URL for `req`, or a 421 error when its Host is not one this server answers for. */
    baseUrl(req: Request): string;
    private allows;
}
/**
 * The base URL that TileJSON and styles point clients at: from `policy` when the host-check middleware attached one to
 * the app, otherwise `configured` or `fallback`. Never the raw Host header.
 */
export declare function publicBaseUrl(req: Request, configured: string | undefined, fallback: string): string;
