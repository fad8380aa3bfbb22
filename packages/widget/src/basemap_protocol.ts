import { addProtocol } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol } from 'pmtiles';

/** URL scheme of basemap tiles read from a PMTiles archive with HTTP range requests (`pmtiles://https://…`). */
export const PMTILES_SCHEME = 'pmtiles';

let registered: Protocol | undefined;

/**
 * Lets MapLibre read the basemap straight from its PMTiles archive on the tile server (or any static host), with
 * range requests to the same server as the rest of the map. MapLibre's protocol table is global, so this registers
 * once per page however many maps it holds.
 */
export function registerBasemapProtocol(): void {
  if (registered) return;
  const protocol = (registered = new Protocol());
  addProtocol(PMTILES_SCHEME, (params, abort) => {
    const archive = archiveUrl(params.url);
    if (!protocol.get(archive)) protocol.add(new PMTiles(archiveSource(archive)));
    return protocol.tile(params, abort);
  });
}

/** The archive's URL in `pmtiles://URL` (TileJSON) or `pmtiles://URL/{z}/{x}/{y}` (a tile). */
function archiveUrl(url: string): string {
  const rest = url.slice(`${PMTILES_SCHEME}://`.length);
  return /^(.+)\/\d+\/\d+\/\d+$/.exec(rest)?.[1] ?? rest;
}

/**
 * Chromium's HTTP cache lets one request per URL through at a time, so the range requests of a map view, all to the
 * archive's one URL, arrived one round trip after another: four basemap tiles took 2.3 s on a phone network. The
 * PMTiles library reads past the cache on Chromium for Windows only; here it does on every Chromium, Android's
 * included. MapLibre keeps the tiles it has in memory, and the archive's host or CDN still caches them.
 */
function archiveSource(url: string): FetchSource {
  const source = new FetchSource(url);
  if (typeof navigator !== 'undefined' && /Chrome|Chromium|Edg|OPR|Brave/.test(navigator.userAgent)) source.chromeWindowsNoCache = true;
  return source;
}
