import type { IncomingMessage, ServerResponse } from 'node:http';
import { inflateTile, rawEtag, type EncodedTile } from '../store/encoded_tile.js';
import { EMPTY } from '../store/tile_cache.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import type { TokenBucketLimiter } from '../security/token_bucket_limiter.js';
import type { WorkLimiter } from '../security/work_limiter.js';
import { parseTileCoords } from '../tiling/tile_coords.js';
import { parseTilePath } from '../tiling/tile_path.js';
import { CorsPolicy, sendPreflight } from './cors_policy.js';
import { problem, problemFromError, sendProblem } from './problem.js';
import { tileRequestHeaders, type TileRequestHeaders } from '../raw_header.js';
import { securityHeaderList } from './security_headers.js';
import { tilesetUnavailable } from './tileset_routes.js';

export interface TileEndpointOptions {
  /** Cache lifetime, in seconds, of tiles requested without a version. */
  maxAge: number;
  /** Who may read tiles cross-origin; default any origin. */
  cors?: CorsPolicy;
  /** Per-client request budget for tiles; absent or disabled means unlimited. */
  limiter?: TokenBucketLimiter | undefined;
  /** Proxies in front of the server whose X-Forwarded-For is believed (`trust proxy` as a hop count). */
  trustedHops?: number;
  /** Bound on concurrent cache-miss generations; absent means tiles are cut inline. */
  work?: WorkLimiter | undefined;
  /** Told the size of each tile body sent and whether it came from the cache (the bytes-served metric). */
  onBody?: ((bytes: number, fromCache: boolean) => void) | undefined;
  /**
   * Asked about a versioned URL of a version this server does not serve: resolves true once it serves it (another
   * replica saw the publish first and handed out its URLs), false when there is no such version to catch up with.
   */
  catchUp?: ((tileset: string, version: string) => Promise<boolean>) | undefined;
}

/**
 * Serves tiles straight from the node request, in front of the router: on a cache hit this is a regex, a map
 * look-up and one write with a header list computed at start-up. Returns false when the request is not for a tile.
 */
export function createTileEndpoint(getRegistry: () => TilesetRegistry, options: TileEndpointOptions) {
  const cors = options.cors ?? new CorsPolicy();
  const security = securityHeaderList('tile');
  const unversioned = Object.freeze([...security, 'Cache-Control', `public, max-age=${options.maxAge}`]);
  const versioned = Object.freeze([...security, 'Cache-Control', 'public, max-age=31536000, immutable']);
  const limiter = options.limiter?.enabled ? options.limiter : undefined;
  const vary = cors.variesByOrigin ? 'Accept-Encoding, Origin' : 'Accept-Encoding';
  const trustedHops = options.trustedHops ?? 0;
  const unversionedReplies = tileReplies(unversioned, vary, options.onBody);
  const versionedReplies = tileReplies(versioned, vary, options.onBody);

  return function handleTile(req: IncomingMessage, res: ServerResponse): boolean {
    // `/tiles/{id}[@{version}]/{z}/{x}/{y}.mvt`; z/x/y are judged by parseTileCoords.
    const path = parseTilePath(req.url ?? '', '/tiles/');
    if (!path) return false;
    const asked = tileRequestHeaders(req);
    const origin = asked.origin;
    if (req.method === 'OPTIONS') {
      sendPreflight(res, cors.allows(origin) ? (cors.any ? '*' : origin) : undefined, !cors.any, security);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendProblem(res, problem(405, 'METHOD_NOT_ALLOWED', 'tiles are read with GET or HEAD'), { ...cors.headers(origin), Allow: 'GET, HEAD, OPTIONS' });
      return true;
    }
    if (limiter) {
      const wait = limiter.takeFor(req, trustedHops);
      if (wait > 0) {
        sendProblem(res, problem(429, 'RATE_LIMITED', 'too many tile requests from this client; slow down', { retryAfter: wait }), cors.headers(origin));
        return true;
      }
    }
    const { id, version } = path;
    const tileset = getRegistry().get(id);
    if (!tileset) {
      sendProblem(res, getRegistry().isRefused(id) ? problemFromError(tilesetUnavailable()) : problem(404, 'NOT_FOUND', 'no such tile set'), cors.headers(origin));
      return true;
    }
    const reply = (version === undefined ? unversionedReplies : versionedReplies)(cors.headerList(origin));
    const found = versionOf(tileset, version);
    if (found) {
      serveTile(req, res, found, path.z, path.x, path.y, reply, options.work, asked);
      return true;
    }
    const gone = () => sendProblem(res, problem(404, 'NOT_FOUND', 'this version of the tile set is no longer published'), cors.headers(origin));
    if (!options.catchUp) {
      gone();
      return true;
    }
    // Behind a load balancer, a client may read a TileJSON from a replica that has already switched to a new version
    // and ask this one for its tiles: this server catches up rather than answer 404.
    options.catchUp(id, version!).then(
      (caughtUp) => {
        const now = caughtUp ? getRegistry().get(id) : undefined;
        const later = now ? versionOf(now, version) : undefined;
        if (later) serveTile(req, res, later, path.z, path.x, path.y, reply, options.work, asked);
        else gone();
      },
      () => gone(),
    );
    return true;
  };
}

/** The tile set as it answers `version`: the one served now, or an earlier one still on disk (so clients never mix versions). */
function versionOf(tileset: Tileset, version: string | undefined): Tileset | undefined {
  if (version === undefined || version === tileset.source.version) return tileset;
  const source = tileset.source.previousVersion?.(version);
  return source ? { ...tileset, source } : undefined;
}

/**
 * Validates z/x/y and answers with the tile of `tileset`: from memory at once, otherwise by slicing or reading the
 * archive through the work limiter (503 + Retry-After when it is full). Tiles are held gzipped; a client that does
 * not accept gzip gets them inflated in the libuv pool through the same limiter. Shared by public and restricted tiles.
 */
export function serveTile(
  req: IncomingMessage,
  res: ServerResponse,
  tileset: Pick<Tileset, 'minzoom' | 'maxzoom' | 'source'>,
  z: string,
  x: string,
  y: string,
  reply: TileReply,
  work: WorkLimiter | undefined,
  asked: TileRequestHeaders = tileRequestHeaders(req),
): void {
  let coords;
  try {
    coords = parseTileCoords(z, x, y, tileset);
  } catch (error) {
    sendTileProblem(res, reply, error);
    return;
  }
  const source = tileset.source;
  const cached = source.cached(coords);
  if (cached !== undefined) {
    writeTile(req, res, asked, cached === EMPTY ? undefined : cached, true, reply, work);
    return;
  }
  const produce = () => source.getTile(coords!);
  (work ? work.run(produce) : produce()).then(
    (tile) => writeTile(req, res, asked, tile, false, reply, work),
    (error: unknown) => sendTileProblem(res, reply, error),
  );
}

/** The fixed parts of a tile answer, made once per route and CORS answer (see tileReplies), never per request. */
export interface TileReply {
  /** Access-Control headers for this request's origin, flat `[name, value, …]`: error answers carry them too. */
  readonly cors: readonly string[];
  /** Told the size of each tile body sent and whether it came from the cache (the bytes-served metric). */
  readonly onBody?: ((bytes: number, fromCache: boolean) => void) | undefined;
  /** Every header of a 204 for a tile the archive does not hold. */
  readonly emptyAnswer: readonly string[];
  /** Every header of a 304, ending with ETag, whose value is per tile. */
  readonly notModifiedAnswer: readonly string[];
  /** Every header of a 200 with gzip bytes, ending with ETag and Content-Length, whose values are per tile. */
  readonly gzipAnswer: readonly string[];
  /** The same for uncompressed bytes. */
  readonly rawAnswer: readonly string[];
}

/** CORS answers a route remembers the replies of; the allow-lists that decide them are far shorter. */
const MAX_REMEMBERED_REPLIES = 1024;

/**
 * A route's tile replies, one per CORS answer (`CorsPolicy.headerList`), each made the first time it is given: the
 * 200 answers' header lists are made in advance, and per tile a copy of one with two values filled in costs a fraction
 * of building it from its parts. CORS answers name only allow-listed origins, so there are few of them; with CORS
 * open to any origin (the default) there is one, and it is found by identity.
 */
export function tileReplies(
  headers: readonly string[],
  vary: string,
  onBody?: ((bytes: number, fromCache: boolean) => void) | undefined,
): (cors: readonly string[]) => TileReply {
  const made = new Map<string, TileReply>();
  let last: TileReply | undefined;
  return (cors) => {
    if (last !== undefined && last.cors === cors) return last;
    const key = cors.join('\n');
    let reply = made.get(key);
    if (reply === undefined) {
      const fixed = [...headers, ...cors, 'Vary', vary, 'Content-Type', 'application/vnd.mapbox-vector-tile'];
      const perTile = ['ETag', '', 'Content-Length', ''];
      // Not frozen: V8 copies a frozen array element by element, five times slower than the whole answer's look-up.
      reply = {
        cors,
        onBody,
        emptyAnswer: [...headers, ...cors],
        notModifiedAnswer: [...headers, ...cors, 'Vary', vary, 'ETag', ''],
        gzipAnswer: [...fixed, 'Content-Encoding', 'gzip', ...perTile],
        rawAnswer: [...fixed, ...perTile],
      };
      if (made.size < MAX_REMEMBERED_REPLIES) made.set(key, reply);
    }
    last = reply;
    return reply;
  };
}

function writeTile(
  req: IncomingMessage,
  res: ServerResponse,
  asked: TileRequestHeaders,
  tile: EncodedTile | undefined,
  fromCache: boolean,
  reply: TileReply,
  work: WorkLimiter | undefined,
): void {
  if (res.writableEnded || res.destroyed) return;
  if (!tile) {
    // Node reads a header list while writeHead runs and keeps none of it: one list serves every empty tile.
    res.writeHead(204, reply.emptyAnswer as string[]);
    res.end();
    return;
  }
  const gzip = acceptsGzip(asked.acceptEncoding);
  // Each representation gets its own strong validator, as RFC 9110 requires of strong ETags.
  const etag = gzip ? tile.gzipEtag : rawEtag(tile);
  if (asked.ifNoneMatch !== undefined && matchesEtag(asked.ifNoneMatch, etag)) {
    const list = reply.notModifiedAnswer.slice();
    list[list.length - 1] = etag;
    res.writeHead(304, list);
    res.end();
    return;
  }
  if (gzip) {
    sendBody(req, res, reply, etag, tile.gzip, true, fromCache);
    return;
  }
  const inflate = () => inflateTile(tile);
  (work ? work.run(inflate) : inflate()).then(
    (raw) => sendBody(req, res, reply, etag, raw, false, fromCache),
    (error: unknown) => sendTileProblem(res, reply, error),
  );
}

function sendBody(req: IncomingMessage, res: ServerResponse, reply: TileReply, etag: string, body: Uint8Array, gzip: boolean, fromCache: boolean): void {
  if (res.writableEnded || res.destroyed) return;
  const answer = gzip ? reply.gzipAnswer : reply.rawAnswer;
  const list = answer.slice();
  list[answer.length - 3] = etag;
  list[answer.length - 1] = String(body.byteLength);
  res.writeHead(200, list);
  if (req.method === 'HEAD') res.end();
  else {
    reply.onBody?.(body.byteLength, fromCache);
    res.end(body);
  }
}

/** A tile request's error as a problem answer, with the CORS headers the tile would have had. */
function sendTileProblem(res: ServerResponse, reply: TileReply, error: unknown): void {
  sendProblem(res, problemFromError(error), pairs(reply.cors));
}

function pairs(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < list.length; i += 2) out[list[i]!] = list[i + 1]!;
  return out;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === etag);
}

/** The last Accept-Encoding judged: a client sends the same one with every tile, so most requests skip the pattern. */
let lastAcceptEncoding: string | undefined;
let lastAcceptsGzip = false;

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  if (header === lastAcceptEncoding) return lastAcceptsGzip;
  const match = /(?:^|,)\s*(gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?/i.exec(header);
  lastAcceptEncoding = header;
  lastAcceptsGzip = match !== null && (match[2] === undefined || Number(match[2]) > 0);
  return lastAcceptsGzip;
}
