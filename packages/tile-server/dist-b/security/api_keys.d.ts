import type { IncomingMessage } from 'node:http';
import type { ApiKeyConfig } from '../catalog/catalog_schema.js';
/** The header a key travels in; `?key=` works too, for clients that cannot set headers. Neither is ever logged. */
export declare const API_KEY_HEADER = "x-safemap-key";
/** SHA-256 hex of a key, as the catalogue's `apiKeys[].sha256` stores it. */
export declare function hashApiKey(key: string): string;
/** What a granted request may do: the origin to answer CORS with (undefined when the request had none). */
export interface KeyGrant {
    readonly keyId: string;
    readonly origin: string | undefined;
}
/**
 * Checks API keys for restricted layers. Keys are held only as digests; a presented key is hashed and compared with
 * every stored digest in constant time, so timing tells nothing about how close a guess was.
 */
export declare class ApiKeyRing {
    private readonly keys;
    constructor(keys: readonly ApiKeyConfig[]);
    get size(): number;
    /**
     * Grants access to `tileset` or throws: UNAUTHORIZED (401) without a valid key, FORBIDDEN (403) when the key is
     * valid but not for this tile set or the request's Origin/Referer is not one the key is bound to.
     */
    authorize(req: IncomingMessage, presented: string | undefined, tileset: string): KeyGrant;
}
/** The page origin a browser request comes from: the Origin header, else the origin of the Referer. */
export declare function requestOrigin(req: IncomingMessage): string | undefined;
