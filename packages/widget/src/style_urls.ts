import type { StyleSpecification } from 'maplibre-gl';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const PMTILES = 'pmtiles://';

/**
 * The URL MapLibre should request for a URL found in a style: absolute URLs as they are (a tile server's styles hold
 * only those), relative ones resolved against the style's own URL, also inside `pmtiles://`. A static folder written
 * by `safemap export` links its files relative to each document, so it works under any path of any host.
 */
export function resolveStyleUrl(url: string, styleUrl: string): string {
  if (url.startsWith(PMTILES)) {
    const inner = url.slice(PMTILES.length);
    return ABSOLUTE.test(inner) ? url : `${PMTILES}${new URL(inner, styleUrl).href}`;
  }
  return ABSOLUTE.test(url) ? url : new URL(url, styleUrl).href;
}


/**
 * The style with its sprite and source URLs resolved against the style's URL (`resolveStyleUrl`); MapLibre refuses a
 * relative sprite. Tile templates are resolved only up to their first `{`, so `{z}` stays a placeholder. A style of
 * absolute URLs comes back equal.
 */
export function resolveStyleUrls(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const resolve = (url: unknown) => (typeof url === 'string' ? resolveTemplate(url, styleUrl) : url);
  const sprite = Array.isArray(style.sprite) ? style.sprite.map((entry) => ({ ...entry, url: resolve(entry.url) as string })) : resolve(style.sprite);
  const sources = Object.fromEntries(
    Object.entries(style.sources as Record<string, { url?: unknown; tiles?: unknown }>).map(([id, source]) => [
      id,
      {
        ...source,
        ...(source.url !== undefined ? { url: resolve(source.url) } : {}),
        ...(Array.isArray(source.tiles) ? { tiles: source.tiles.map(resolve) } : {}),
      },
    ]),
  );
  return { ...style, ...(style.sprite !== undefined ? { sprite: sprite as StyleSpecification['sprite'] } : {}), sources: sources as StyleSpecification['sources'] };
}

function resolveTemplate(url: string, styleUrl: string): string {
  const brace = url.indexOf('{');
  if (brace < 0) return resolveStyleUrl(url, styleUrl);
  const head = url.slice(0, brace);
  // Only the part before the placeholders is a URL; resolving the whole would percent-encode the braces.
  const resolved = resolveStyleUrl(head === '' ? './' : head, styleUrl);
  return head === '' ? url : `${resolved}${url.slice(brace)}`;
}
