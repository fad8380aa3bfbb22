import { anonymizeAddress, clientAddress } from './client_address.js';
/** Tiles finer than this zoom are logged as their ancestor at this zoom: a z18 tile is a house, a z12 tile a district. */
export const LOGGED_MAX_ZOOM = 12;
const tilePath = /^(\/tiles\/[^/]+\/|\/restricted\/tiles\/[^/]+\/)(\d{1,10})\/(\d{1,10})\/(\d{1,10})((?:\.\w{1,8})?)$/;
const MAX_LOGGED_PATH = 200;
/**
 * The path as it may be kept: no query string (it can carry `?key=` or a searched location), tile coordinates
 * coarsened to z12, and hostile paths cut short.
 */
export function loggablePath(url) {
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const tile = tilePath.exec(path);
    if (tile) {
        const [, prefix, zText, xText, yText, suffix] = tile;
        const z = Number(zText);
        if (z > LOGGED_MAX_ZOOM) {
            const shift = 2 ** (z - LOGGED_MAX_ZOOM);
            return `${prefix}${LOGGED_MAX_ZOOM}/${Math.floor(Number(xText) / shift)}/${Math.floor(Number(yText) / shift)}${suffix}`;
        }
        return path;
    }
    return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}
/**
 * Returns a hook that logs each request when its response finishes, or undefined when `info` is off (then it costs
 * nothing). Entries hold a /24 or /48 network, never a full address, and never headers: keys and cookies stay out.
 */
export function createAccessLog(logger, trustedHops) {
    if (!logger.isLevelEnabled('info'))
        return undefined;
    const log = logger.child({ log: 'access' });
    return (req, res) => {
        const started = performance.now();
        res.once('finish', () => {
            log.info({
                method: req.method,
                path: loggablePath(req.url ?? ''),
                status: res.statusCode,
                ms: Math.round((performance.now() - started) * 10) / 10,
                client: anonymizeAddress(clientAddress(req, trustedHops)),
            }, 'request');
        });
    };
}
//# sourceMappingURL=access_log.js.map