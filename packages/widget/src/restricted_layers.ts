import type { LayerSpecification, RequestParameters, StyleSpecification } from 'maplibre-gl';
import { parseLayer, type CatalogLayer } from './catalog_client.js';

/** The header a key travels in. The server also accepts `?key=`, but keys in URLs end up in logs and caches. */
export const KEY_HEADER = 'X-SafeMap-Key';
/** Source id of the restricted layers in the merged style, apart from the public tile set's own source. */
export const RESTRICTED_SOURCE = 'safemap-restricted';

/**
 * The restricted layers a key unlocks for one tile set: their catalogue entries, their style (source and style
 * layers) and where to ask for their look-ups. The key is sent only to `base`, never to another origin or path.
 */
export interface RestrictedLayers {
  /** `{server}/restricted/`: restricted tiles, TileJSON, style and look-ups all live below it. */
  readonly base: string;
  readonly key: string;
  readonly layers: readonly CatalogLayer[];
  readonly ids: ReadonlySet<string>;
  readonly source: StyleSpecification['sources'][string];
  readonly styleLayers: readonly LayerSpecification[];
}

/** Why restricted layers are not shown: the server's status (401 no or wrong key, 403 another origin) or a failure. */
export class RestrictedLayersError extends Error {
  override name = 'RestrictedLayersError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** `{server}/restricted/`, where every request carrying the key goes. */
export function restrictedBase(server: string): string {
  return new URL('restricted/', server.endsWith('/') ? server : `${server}/`).href;
}

/** The headers of a request to `url`: the key only for URLs below `restricted.base` (same origin, same path). */
export function keyHeaders(url: string, restricted: RestrictedLayers | undefined): Record<string, string> {
  return restricted && isRestrictedUrl(url, restricted.base) ? { [KEY_HEADER]: restricted.key } : {};
}

/** MapLibre's `transformRequest`: adds the key to restricted TileJSON and tiles, and to nothing else. */
export function keyedRequest(url: string, restricted: RestrictedLayers | undefined): RequestParameters {
  const headers = keyHeaders(url, restricted);
  return Object.keys(headers).length > 0 ? { url, headers } : { url };
}

function isRestrictedUrl(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const root = new URL(base);
    return target.origin === root.origin && target.pathname.startsWith(root.pathname);
  } catch {
    return false;
  }
}

/**
 * Asks the server which restricted layers of `tilesetId` the key unlocks (`/restricted/styles/{id}.json`). Throws
 * {@link RestrictedLayersError} on a refused key or a bad answer; the caller then shows the public layers alone.
 */
export async function fetchRestrictedLayers(server: string, tilesetId: string, key: string, signal: AbortSignal): Promise<RestrictedLayers> {
  const base = restrictedBase(server);
  const url = new URL(`styles/${encodeURIComponent(tilesetId)}.json`, base).href;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json', [KEY_HEADER]: key } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new RestrictedLayersError(`GET ${url} failed`, undefined);
  }
  if (!response.ok) throw new RestrictedLayersError(`GET ${url} answered ${response.status}`, response.status);
  const style = (await response.json().catch(() => undefined)) as { metadata?: Record<string, unknown>; sources?: Record<string, unknown>; layers?: unknown } | undefined;
  const entries = style?.metadata?.['safemap:layers'];
  const source = style?.sources?.[tilesetId];
  if (!Array.isArray(entries) || typeof source !== 'object' || source === null || !Array.isArray(style?.layers)) {
    throw new RestrictedLayersError(`GET ${url} is not a restricted layer style`, response.status);
  }
  let layers: CatalogLayer[];
  try {
    layers = entries.map((entry, i) => ({ ...parseLayer(entry, `safemap:layers[${i}]`), restricted: true }));
  } catch (error) {
    throw new RestrictedLayersError(`GET ${url}: ${(error as Error).message}`, response.status);
  }
  const styleLayers = (style.layers as Array<LayerSpecification & { source?: unknown }>)
    .filter((layer) => layer.source === tilesetId)
    .map((layer) => ({ ...layer, source: RESTRICTED_SOURCE }) as LayerSpecification);
  return { base, key, layers, ids: new Set(layers.map((layer) => layer.id)), source: source as StyleSpecification['sources'][string], styleLayers };
}

/** The public style with the restricted source and layers drawn over the public safety layers' icons and names. */
export function withRestrictedStyle(style: StyleSpecification, restricted: RestrictedLayers | undefined): StyleSpecification {
  if (!restricted) return style;
  return {
    ...style,
    sources: { ...style.sources, [RESTRICTED_SOURCE]: restricted.source },
    layers: [...style.layers.filter((layer) => !restricted.styleLayers.some((own) => own.id === layer.id)), ...restricted.styleLayers],
  };
}
