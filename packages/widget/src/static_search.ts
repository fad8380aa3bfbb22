import type { CatalogTileset } from './catalog_client.js';
import { servesHazard, type Hazard } from './hazard_filter.js';
import type { PlaceFeature } from './place_feature.js';
import type { PointList } from './point_list.js';
import { normalizeForSearch, type LayerResults } from './search_client.js';

/** Searched properties, names first then address-like keys, as the tile server's search. */
const SEARCH_KEYS = ['name', 'name_en', 'name:en', 'name_eng', 'address', 'location', 'district'] as const;
const NAME_KEYS = 4;

/**
 * The search of a static map (`safemap export`): the layers' look-up files, downloaded once (the same files for
 * everyone), searched in the page like the server's `/search`: spacing, case and width ignored, names before
 * addresses, grouped by layer, with the hazard filter applied to layers that publish `hazards`. Layers the export
 * left without a look-up file are not searched.
 */
export async function searchLookups(points: PointList, tileset: CatalogTileset, query: string, options: { limit: number; hazard?: Hazard | undefined }): Promise<LayerResults[]> {
  const needle = normalizeForSearch(query.slice(0, 100));
  if (needle === '') return [];
  const layers = tileset.layers.filter((layer) => !layer.basemap && tileset.lookups && Object.hasOwn(tileset.lookups, layer.id));
  const groups = await Promise.all(
    layers.map(async (layer) => {
      const hazardAware = layer.properties.includes('hazards');
      const hits: Array<{ feature: PlaceFeature; score: number }> = [];
      for (const feature of await points.layer(layer.id)) {
        if (hazardAware && !servesHazard(feature.properties, options.hazard)) continue;
        const score = matchScore(feature.properties, needle);
        if (score !== undefined) hits.push({ feature, score });
      }
      hits.sort((a, b) => a.score - b.score);
      return { layer: layer.id, total: hits.length, features: hits.slice(0, options.limit).map((hit) => hit.feature) };
    }),
  );
  return groups.filter((group) => group.total > 0);
}

/** 0 for a name that starts with the query, then names containing it, then other keys in order; undefined: no match. */
function matchScore(properties: Record<string, unknown>, needle: string): number | undefined {
  let best: number | undefined;
  SEARCH_KEYS.forEach((key, index) => {
    const value = properties[key];
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const text = normalizeForSearch(String(value));
    if (!text.includes(needle)) return;
    const score = index < NAME_KEYS ? (text.startsWith(needle) ? 0 : 1) : 2 + index;
    if (best === undefined || score < best) best = score;
  });
  return best;
}
