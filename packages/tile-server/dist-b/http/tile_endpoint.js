import { inflateTile, rawEtag } from '../store/encoded_tile.js';
import { EMPTY } from '../store/tile_cache.js';
import { parseTileCoords } from '../tiling/tile_coords.js';
import { CorsPolicy, sendPreflight } from './cors_policy.js';
import { problem, problemFromError, sendProblem } from './problem.js';
import { securityHeaderList } from './security_headers.js';
import { tilesetUnavailable } from './tileset_routes.js';
/** `/tiles/{id}[@{version}]/{z}/{x}/{y}.mvt`; the segments are validated by parseTileCoords, not by the pattern. */
const tilePath = /^\/tiles\/([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{1,64}))?\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$/;
/**
 * Serves tiles straight from the node request, in front of the router: on a cache hit this is a regex, a map
 * look-up and one write with a header list computed at start-up. Returns false when the request is not for a tile.
 */
export function createTileEndpoint(getRegistry, options) {
    const cors = options.cors ?? new CorsPolicy();
    const security = securityHeaderList('tile');
    const unversioned = Object.freeze([...security, 'Cache-Control', `public, max-age=${options.maxAge}`]);
    const versioned = Object.freeze([...security, 'Cache-Control', 'public, max-age=31536000, immutable']);
    const limiter = options.limiter?.enabled ? options.limiter : undefined;
    const vary = cors.variesByOrigin ? 'Accept-Encoding, Origin' : 'Accept-Encoding';
    const trustedHops = options.trustedHops ?? 0;
    return function handleTile(req, res) {
        const url = req.url ?? '';
        const query = url.indexOf('?');
        const match = tilePath.exec(query === -1 ? url : url.slice(0, query));
        if (!match)
            return false;
        const origin = req.headers.origin;
        if (req.method === 'OPTIONS') {
            sendPreflight(res, cors.allows(origin) ? (cors.any ? '*' : origin) : undefined, !cors.any, security);
            return true;
        }
        const corsHeaders = cors.headers(origin);
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            sendProblem(res, problem(405, 'METHOD_NOT_ALLOWED', 'tiles are read with GET or HEAD'), { ...corsHeaders, Allow: 'GET, HEAD, OPTIONS' });
            return true;
        }
        if (limiter) {
            const wait = limiter.takeFor(req, trustedHops);
            if (wait > 0) {
                sendProblem(res, problem(429, 'RATE_LIMITED', 'too many tile requests from this client; slow down', { retryAfter: wait }), corsHeaders);
                return true;
            }
        }
        const [, id, version, z, x, y] = match;
        const tileset = getRegistry().get(id);
        if (!tileset) {
            sendProblem(res, getRegistry().isRefused(id) ? problemFromError(tilesetUnavailable()) : problem(404, 'NOT_FOUND', 'no such tile set'), corsHeaders);
            return true;
        }
        // An earlier published version still on disk keeps answering its URLs, so a client never mixes versions.
        const source = version === undefined || version === tileset.source.version ? tileset.source : tileset.source.previousVersion?.(version);
        if (!source) {
            sendProblem(res, problem(404, 'NOT_FOUND', 'this version of the tile set is no longer published'), corsHeaders);
            return true;
        }
        serveTile(req, res, source === tileset.source ? tileset : { ...tileset, source }, z, x, y, { headers: version === undefined ? unversioned : versioned, cors: cors.headerList(origin), vary }, options.work);
        return true;
    };
}
/**
 * Validates z/x/y and answers with the tile of `tileset`: from memory at once, otherwise by slicing or reading the
 * archive through the work limiter (503 + Retry-After when it is full). Tiles are held gzipped; a client that does
 * not accept gzip gets them inflated in the libuv pool through the same limiter. Shared by public and restricted tiles.
 */
export function serveTile(req, res, tileset, z, x, y, reply, work) {
    const fail = (error) => sendProblem(res, problemFromError(error), pairs(reply.cors));
    let coords;
    try {
        coords = parseTileCoords(z, x, y, tileset);
    }
    catch (error) {
        fail(error);
        return;
    }
    const source = tileset.source;
    const cached = source.cached(coords);
    if (cached !== undefined) {
        writeTile(req, res, cached === EMPTY ? undefined : cached, reply, work, fail);
        return;
    }
    const produce = () => source.getTile(coords);
    (work ? work.run(produce) : produce()).then((tile) => writeTile(req, res, tile, reply, work, fail), fail);
}
function writeTile(req, res, tile, reply, work, fail) {
    if (res.writableEnded || res.destroyed)
        return;
    const { headers, cors, vary } = reply;
    if (!tile) {
        res.writeHead(204, [...headers, ...cors]);
        res.end();
        return;
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    // Each representation gets its own strong validator, as RFC 9110 requires of strong ETags.
    const etag = gzip ? tile.gzipEtag : rawEtag(tile);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
        res.writeHead(304, [...headers, ...cors, 'ETag', etag, 'Vary', vary]);
        res.end();
        return;
    }
    if (gzip) {
        sendBody(req, res, reply, etag, tile.gzip, true);
        return;
    }
    const inflate = () => inflateTile(tile);
    (work ? work.run(inflate) : inflate()).then((raw) => sendBody(req, res, reply, etag, raw, false), fail);
}
function sendBody(req, res, reply, etag, body, gzip) {
    if (res.writableEnded || res.destroyed)
        return;
    const { headers, cors, vary } = reply;
    const list = [...headers, ...cors, 'ETag', etag, 'Vary', vary, 'Content-Type', 'application/vnd.mapbox-vector-tile', 'Content-Length', String(body.byteLength)];
    if (gzip)
        list.push('Content-Encoding', 'gzip');
    res.writeHead(200, list);
    res.end(req.method === 'HEAD' ? undefined : body);
}
function pairs(list) {
    const out = {};
    for (let i = 0; i < list.length; i += 2)
        out[list[i]] = list[i + 1];
    return out;
}
function matchesEtag(header, etag) {
    if (!header)
        return false;
    if (header.trim() === '*')
        return true;
    return header.split(',').some((candidate) => candidate.trim() === etag);
}
function acceptsGzip(header) {
    if (!header)
        return false;
    const match = /(?:^|,)\s*(gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?/i.exec(header);
    return match !== null && (match[2] === undefined || Number(match[2]) > 0);
}
//# sourceMappingURL=tile_endpoint.js.map