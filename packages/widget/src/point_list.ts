import type { CatalogTileset } from './catalog_client.js';
import type { LngLat } from './geo.js';
import { placeFeatureFrom, type PlaceFeature } from './place_feature.js';
import { keyHeaders, type RestrictedLayers } from './restricted_layers.js';

/**
 * Every feature of one layer as the tile server's compact point list gives it (id, position, name, hazards), fetched
 * once per layer for the whole tile set: the same URL for everyone, so it says nothing about where the resident is.
 */
export class PointList {
  readonly #cache = new Map<string, Promise<PlaceFeature[]>>();

  constructor(
    private readonly server: string,
    private readonly tileset: CatalogTileset,
    private readonly signal: AbortSignal,
    /** Restricted layers the page's key unlocks: their look-ups go to `/restricted/` with the key. */
    private readonly restricted?: RestrictedLayers,
  ) {}

  /** The server to ask about a layer, and the key header when the layer is restricted. */
  #route(layerId: string): { server: string; restricted: RestrictedLayers | undefined } {
    const restricted = this.restricted?.ids.has(layerId) ? this.restricted : undefined;
    return { server: restricted?.base ?? this.server, restricted };
  }

  layer(layerId: string): Promise<PlaceFeature[]> {
    let pending = this.#cache.get(layerId);
    if (!pending) {
      pending = this.#fetch(layerId);
      // A failed look-up is not cached, so the next request can retry on a better network.
      pending.catch(() => this.#cache.delete(layerId));
      this.#cache.set(layerId, pending);
    }
    return pending;
  }

  /** One feature with all its published properties (for details after choosing it from a compact list). */
  async feature(layerId: string, id: number | string): Promise<PlaceFeature | undefined> {
    // A static look-up file already carries every published property.
    if (this.tileset.lookups) return (await this.layer(layerId)).find((feature) => feature.id === id);
    const { server, restricted } = this.#route(layerId);
    const url = new URL(`tiles/${encodeURIComponent(this.tileset.id)}/features/${encodeURIComponent(layerId)}/${encodeURIComponent(String(id))}`, base(server));
    const response = await fetch(url, { signal: this.signal, headers: { accept: 'application/geo+json, application/json', ...keyHeaders(url.href, restricted) } });
    if (!response.ok) return undefined;
    return placeFeatureFrom(await response.json(), layerId);
  }

  async #fetch(layerId: string): Promise<PlaceFeature[]> {
    const { server, restricted } = this.#route(layerId);
    const url = this.tileset.lookups ? staticLookupUrl(this.tileset, layerId) : new URL(`tiles/${encodeURIComponent(this.tileset.id)}/points/${encodeURIComponent(layerId)}`, base(server));
    const response = await fetch(url, { signal: this.signal, headers: { accept: 'application/json', ...keyHeaders(url.href, restricted) } });
    if (!response.ok) throw new Error(`GET ${url.href} answered ${response.status}`);
    return pointsFromColumns(await response.json(), layerId);
  }
}

/** The static look-up file of a layer in an exported catalogue; an error when the export left the layer out (too large). */
export function staticLookupUrl(tileset: CatalogTileset, layerId: string): URL {
  const url = tileset.lookups && Object.hasOwn(tileset.lookups, layerId) ? tileset.lookups[layerId] : undefined;
  if (!url) throw new Error(`layer ${layerId} has no look-up file in this static map`);
  return new URL(url);
}

/** Reads the columns of a `/points/:layer` answer into features; rows with a bad id or position are skipped. */
export function pointsFromColumns(body: unknown, layerId: string): PlaceFeature[] {
  const columns = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { id, lon, lat } = columns;
  if (!Array.isArray(id) || !Array.isArray(lon) || !Array.isArray(lat)) throw new Error('the point list has no id, lon and lat columns');
  const extra = Object.entries(columns).filter(([key, value]) => Array.isArray(value) && !['id', 'lon', 'lat'].includes(key)) as Array<[string, unknown[]]>;
  const out: PlaceFeature[] = [];
  for (let i = 0; i < id.length; i++) {
    const [fid, x, y] = [id[i], lon[i], lat[i]];
    if (typeof fid !== 'number' || typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const properties: Record<string, unknown> = {};
    for (const [key, values] of extra) if (values[i] !== null && values[i] !== undefined) properties[key] = values[i];
    out.push({ id: fid, layer: layerId, at: [x, y] as LngLat, properties });
  }
  return out;
}

function base(server: string): string {
  return server.endsWith('/') ? server : `${server}/`;
}
