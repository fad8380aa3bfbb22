import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EncodedTile } from '../store/encoded_tile.js';
import { LiveTileSource } from '../store/live_tile_source.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { parseTileCoords } from '../tile/tile_coords.js';
import { problem, problemFromError, sendProblem } from './problem.js';

/** `/tiles/{id}[@{version}]/{z}/{x}/{y}.mvt`; the segments are validated by parseTileCoords, not by the pattern. */
const tilePath = /^\/tiles\/([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{1,64}))?\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$/;

export interface TileEndpointOptions {
  /** Cache lifetime, in seconds, of tiles requested without a version. */
  maxAge: number;
}

/**
 * Serves tiles straight from the node request, in front of the router: on a cache hit this is a regex, a map
 * look-up and one write. Returns false when the request is not for a tile, so the app handles it.
 */
export function createTileEndpoint(getRegistry: () => TilesetRegistry, options: TileEndpointOptions) {
  const unversionedCache = `public, max-age=${options.maxAge}`;
  const versionedCache = 'public, max-age=31536000, immutable';

  return function handleTile(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const match = tilePath.exec(query === -1 ? url : url.slice(0, query));
    if (!match) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendProblem(res, problem(405, 'METHOD_NOT_ALLOWED', 'tiles are read with GET or HEAD'), { Allow: 'GET, HEAD' });
      return true;
    }
    const [, id, version, z, x, y] = match as unknown as [string, string, string | undefined, string, string, string];
    const tileset = getRegistry().get(id);
    if (!tileset) {
      sendProblem(res, problem(404, 'NOT_FOUND', 'no such tile set'));
      return true;
    }
    if (version !== undefined && version !== tileset.source.version) {
      sendProblem(res, problem(404, 'NOT_FOUND', 'this version of the tile set is no longer published'));
      return true;
    }
    let coords;
    try {
      coords = parseTileCoords(z, x, y, tileset);
    } catch (error) {
      sendProblem(res, problemFromError(error));
      return true;
    }
    const cacheControl = version === undefined ? unversionedCache : versionedCache;
    const source = tileset.source;
    if (source instanceof LiveTileSource) {
      try {
        writeTile(req, res, source.getTileSync(coords), cacheControl);
      } catch (error) {
        sendProblem(res, problemFromError(error));
      }
      return true;
    }
    source.getTile(coords).then(
      (tile) => writeTile(req, res, tile, cacheControl),
      (error: unknown) => sendProblem(res, problemFromError(error)),
    );
    return true;
  };
}

function writeTile(req: IncomingMessage, res: ServerResponse, tile: EncodedTile | undefined, cacheControl: string): void {
  if (!tile) {
    res.writeHead(204, { 'Cache-Control': cacheControl, 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff' });
    res.end();
    return;
  }
  const gzip = acceptsGzip(req.headers['accept-encoding']);
  // Each representation gets its own strong validator, as RFC 9110 requires of strong ETags.
  const etag = gzip ? tile.gzipEtag : tile.etag;
  const common = {
    ETag: etag,
    'Cache-Control': cacheControl,
    Vary: 'Accept-Encoding',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
  };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const body = gzip ? tile.gzip : tile.raw;
  res.writeHead(200, {
    ...common,
    'Content-Type': 'application/vnd.mapbox-vector-tile',
    'Content-Length': body.byteLength,
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === etag);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const match = /(?:^|,)\s*(gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?/i.exec(header);
  return match !== null && (match[2] === undefined || Number(match[2]) > 0);
}
