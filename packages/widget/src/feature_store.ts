import type { CatalogTileset } from './catalog_client.js';
import { placeFeatureFrom, type PlaceFeature } from './place_feature.js';
import { pointsFromColumns, staticLookupUrl } from './point_list.js';
import { keyHeaders, type RestrictedLayers } from './restricted_layers.js';

/** The most features the tile server returns per look-up. */
export const MAX_FEATURES_PER_LAYER = 1000;

/** West, south, east, north used when a tile set publishes no bounds. */
const WORLD: readonly [number, number, number, number] = [-180, -85, 180, 85];

/**
 * The URL of a feature look-up over a tile set's WHOLE bounds. Always the same for a layer, so it
 * can be cached and says nothing about where the resident is or is looking.
 */
export function layerFeaturesUrl(server: string, tileset: CatalogTileset, layerId: string): string {
  const base = server.endsWith('/') ? server : `${server}/`;
  const url = new URL(`tiles/${encodeURIComponent(tileset.id)}/features`, base);
  const bbox = (tileset.bounds ?? WORLD).map((value) => String(Number(value.toFixed(6))));
  url.searchParams.set('bbox', bbox.join(','));
  url.searchParams.set('layer', layerId);
  url.searchParams.set('limit', String(MAX_FEATURES_PER_LAYER));
  return url.href;
}

/**
 * Features of a tile set's layers, fetched once per layer over the tile set's bounds and kept for
 * the life of the map. Nearest-shelter and search work on these in the browser.
 */
export class FeatureStore {
  readonly #cache = new Map<string, Promise<PlaceFeature[]>>();

  constructor(
    private readonly server: string,
    private readonly tileset: CatalogTileset,
    private readonly signal: AbortSignal,
    /** Restricted layers the page's key unlocks: their look-ups go to `/restricted/` with the key. */
    private readonly restricted?: RestrictedLayers,
  ) {}

  /** The layer's features (at most {@link MAX_FEATURES_PER_LAYER}); one request however often it is asked. */
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

  /** Features of several layers, in the order of `layerIds`. */
  async layers(layerIds: readonly string[]): Promise<PlaceFeature[]> {
    return (await Promise.all(layerIds.map((id) => this.layer(id)))).flat();
  }

  async #fetch(layerId: string): Promise<PlaceFeature[]> {
    const lookups = this.tileset.lookups;
    if (lookups) {
      // A static map: the layer's look-up file, or nothing for a layer too large to have one.
      if (!Object.hasOwn(lookups, layerId)) return [];
      const response = await fetch(staticLookupUrl(this.tileset, layerId), { signal: this.signal, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`GET ${response.url} answered ${response.status}`);
      return pointsFromColumns(await response.json(), layerId);
    }
    const restricted = this.restricted?.ids.has(layerId) ? this.restricted : undefined;
    const url = layerFeaturesUrl(restricted?.base ?? this.server, this.tileset, layerId);
    const response = await fetch(url, { signal: this.signal, headers: { accept: 'application/geo+json, application/json', ...keyHeaders(url, restricted) } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const body = (await response.json()) as { features?: unknown };
    if (!Array.isArray(body.features)) throw new Error(`GET ${url} did not return a FeatureCollection`);
    return body.features.map((f) => placeFeatureFrom(f, layerId)).filter((f): f is PlaceFeature => f !== undefined);
  }
}
