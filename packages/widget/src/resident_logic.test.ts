import { expect, test } from 'vitest';
import type { CatalogTileset } from './catalog_client.js';
import { layerFeaturesUrl } from './feature_store.js';
import { hazardFilter, servesHazard } from './hazard_filter.js';
import { nearestFeatures } from './nearest_features.js';
import { placeFeatureFrom, representativePoint, type PlaceFeature } from './place_feature.js';
import { telHref } from './popup_content.js';

const place = (id: number, at: [number, number], properties: Record<string, unknown> = {}): PlaceFeature => ({ id, layer: 'shelters', at, properties });

test('nearest features come nearest first, at most `count`, with bearings', () => {
  const features = [place(1, [129.1, 35]), place(2, [129.01, 35]), place(3, [129, 35.05]), place(4, [129.2, 35.2])];
  const result = nearestFeatures(features, [129, 35], 3);
  expect(result.map((r) => r.feature.id)).toEqual([2, 3, 1]);
  expect(result[1]!.bearing).toBeCloseTo(0, 5);
  expect(nearestFeatures([], [0, 0])).toEqual([]);
});

test('hazard matching uses whole codes, on the map and in the page', () => {
  expect(servesHazard({ hazards: 'heat,cold' }, 'cold')).toBe(true);
  expect(servesHazard({ hazards: 'earthquake' }, 'tsunami')).toBe(false);
  expect(servesHazard({}, 'heat')).toBe(false);
  expect(servesHazard({}, undefined)).toBe(true);
  expect(hazardFilter(undefined)).toBeNull();
  expect(hazardFilter('heat')).toEqual(['in', ',heat,', ['concat', ',', ['coalesce', ['get', 'hazards'], ''], ',']]);
});

test('tel: links carry digits only', () => {
  expect(telHref('051-600-2558')).toBe('tel:0516002558');
  expect(telHref('+82 51 600 2558')).toBe('tel:+82516002558');
  expect(telHref('javascript:alert(1)//051-1234')).toBe('tel:10511234');
  expect(telHref('none')).toBeUndefined();
});

test('feature look-ups always cover the tile set bounds, whatever the resident does', () => {
  const tileset = { id: 'busan', bounds: [128.7, 34.85, 129.35, 35.45] } as CatalogTileset;
  const url = new URL(layerFeaturesUrl('http://127.0.0.1:8080/map', tileset, 'shelters'));
  expect(url.pathname).toBe('/map/tiles/busan/features');
  expect(Object.fromEntries(url.searchParams)).toEqual({ bbox: '128.7,34.85,129.35,35.45', layer: 'shelters', limit: '1000' });
});

test('representative points of lines and polygons; unusable features are skipped', () => {
  expect(representativePoint({ type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 2]] })).toEqual([1, 1]);
  expect(representativePoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
  expect(representativePoint({ type: 'Point', coordinates: ['x', 1] })).toBeUndefined();
  expect(placeFeatureFrom({ id: 3, layer: 'bells', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { a: 1 } }, 'x')).toEqual({ id: 3, layer: 'bells', at: [1, 2], properties: { a: 1 } });
  expect(placeFeatureFrom({ geometry: { type: 'Point', coordinates: [1, 2] } }, 'x')).toBeUndefined();
});
