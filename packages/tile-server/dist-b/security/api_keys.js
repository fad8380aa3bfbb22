import { createHash, timingSafeEqual } from 'node:crypto';
import { SafeMapError } from '../errors.js';
/** The header a key travels in; `?key=` works too, for clients that cannot set headers. Neither is ever logged. */
export const API_KEY_HEADER = 'x-safemap-key';
/** SHA-256 hex of a key, as the catalogue's `apiKeys[].sha256` stores it. */
export function hashApiKey(key) {
    return createHash('sha256').update(key, 'utf8').digest('hex');
}
/**
 * Checks API keys for restricted layers. Keys are held only as digests; a presented key is hashed and compared with
 * every stored digest in constant time, so timing tells nothing about how close a guess was.
 */
export class ApiKeyRing {
    keys;
    constructor(keys) {
        this.keys = keys.map((config) => ({ config, digest: Buffer.from(config.sha256, 'hex') }));
    }
    get size() {
        return this.keys.length;
    }
    /**
     * Grants access to `tileset` or throws: UNAUTHORIZED (401) without a valid key, FORBIDDEN (403) when the key is
     * valid but not for this tile set or the request's Origin/Referer is not one the key is bound to.
     */
    authorize(req, presented, tileset) {
        if (!presented)
            throw new SafeMapError('UNAUTHORIZED', 'this layer needs an API key (X-SafeMap-Key header)');
        const digest = createHash('sha256').update(presented, 'utf8').digest();
        let match;
        for (const key of this.keys) {
            // No early exit: every stored digest is compared whatever the outcome.
            if (timingSafeEqual(digest, key.digest) && match === undefined)
                match = key;
        }
        if (!match)
            throw new SafeMapError('UNAUTHORIZED', 'the API key is not valid');
        if (!match.config.tilesets.includes(tileset))
            throw new SafeMapError('FORBIDDEN', 'the API key does not cover this tile set');
        const origin = requestOrigin(req);
        const origins = match.config.origins;
        if (origins.includes('*'))
            return { keyId: match.config.id, origin };
        if (origin === undefined || !origins.includes(origin)) {
            throw new SafeMapError('FORBIDDEN', 'the API key is not allowed from this origin');
        }
        return { keyId: match.config.id, origin };
    }
}
/** The page origin a browser request comes from: the Origin header, else the origin of the Referer. */
export function requestOrigin(req) {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null')
        return safeOrigin(origin);
    const referer = req.headers.referer;
    return typeof referer === 'string' ? safeOrigin(referer) : undefined;
}
function safeOrigin(value) {
    try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=api_keys.js.map