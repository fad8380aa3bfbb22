import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

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
  registered = new Protocol();
  addProtocol(PMTILES_SCHEME, registered.tile);
}
