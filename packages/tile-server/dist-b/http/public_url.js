import { networkInterfaces } from 'node:os';
import { SafeMapError } from '../errors.js';
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
export class HostPolicy {
    configured;
    allowed;
    ownAddresses;
    constructor(publicUrl, allowedHosts = []) {
        this.configured = publicUrl ? publicUrl.replace(/\/+$/, '') : undefined;
        this.allowed = allowedHosts.length > 0 ? new Set(allowedHosts.map((host) => host.toLowerCase())) : undefined;
        this.ownAddresses = new Set(['localhost', ...localAddresses()]);
    }
    /** True when answers never depend on the request's Host. */
    get fixed() {
        return this.configured !== undefined;
    }
    /** The base URL for `req`, or a 421 error when its Host is not one this server answers for. */
    baseUrl(req) {
        if (this.configured)
            return this.configured;
        const host = (req.get('host') ?? '').toLowerCase();
        if (!this.allows(host, req.socket.localPort)) {
            throw new SafeMapError('MISDIRECTED', 'this server does not answer for that host name; set PUBLIC_URL or ALLOWED_HOSTS');
        }
        req.res?.vary('Host');
        return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
    }
    allows(host, localPort) {
        if (this.allowed)
            return this.allowed.has(host);
        const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host);
        if (!match)
            return false;
        const [, name = '', port] = match;
        const samePort = port === undefined ? localPort === 80 : Number(port) === localPort;
        return samePort && this.ownAddresses.has(name.replace(/^\[|\]$/g, ''));
    }
}
/** Every address of this machine's interfaces, IPv4 and IPv6 (without zone), lower case. */
function localAddresses() {
    return Object.values(networkInterfaces())
        .flatMap((list) => list ?? [])
        .map((info) => info.address.replace(/%.*$/, '').toLowerCase());
}
/**
 * The base URL that TileJSON and styles point clients at: from `policy` when the host-check middleware attached one to
 * the app, otherwise `configured` or `fallback`. Never the raw Host header.
 */
export function publicBaseUrl(req, configured, fallback) {
    const policy = req.app?.locals.hostPolicy;
    if (policy)
        return policy.baseUrl(req);
    return configured ? configured.replace(/\/+$/, '') : fallback;
}
//# sourceMappingURL=public_url.js.map