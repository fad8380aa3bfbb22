import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { keyedRequest, keyHeaders, restrictedBase, RESTRICTED_SOURCE, withRestrictedStyle, type RestrictedLayers } from './restricted_layers.js';

const restricted: RestrictedLayers = {
  base: restrictedBase('https://map.example.go.kr/safemap'),
  key: 'sk-agency',
  layers: [],
  ids: new Set(['patrol']),
  source: { type: 'vector', url: 'https://map.example.go.kr/safemap/restricted/tiles/city.json' },
  styleLayers: [{ id: 'patrol', type: 'circle', source: RESTRICTED_SOURCE, 'source-layer': 'patrol' }],
};

describe('the key goes only below {server}/restricted/', () => {
  it('keeps the server path prefix in the base', () => {
    expect(restricted.base).toBe('https://map.example.go.kr/safemap/restricted/');
  });

  it('adds the header to restricted TileJSON, tiles and look-ups', () => {
    for (const url of ['https://map.example.go.kr/safemap/restricted/tiles/city.json', 'https://map.example.go.kr/safemap/restricted/tiles/city@ab12/3/4/5.mvt', 'https://map.example.go.kr/safemap/restricted/tiles/city/search?q=x']) {
      expect(keyedRequest(url, restricted), url).toEqual({ url, headers: { 'X-SafeMap-Key': 'sk-agency' } });
    }
  });

  it('never adds it elsewhere: public data, another path, another origin, scheme or port, or without a key', () => {
    for (const url of [
      'https://map.example.go.kr/safemap/tiles/city/3/4/5.mvt',
      'https://map.example.go.kr/safemap/basemap/busan.pmtiles',
      'https://map.example.go.kr/restricted/tiles/city.json',
      'https://map.example.go.kr/safemap/restrictedx/tiles/city.json',
      'https://evil.example/safemap/restricted/tiles/city.json',
      'http://map.example.go.kr/safemap/restricted/tiles/city.json',
      'https://map.example.go.kr:8443/safemap/restricted/tiles/city.json',
      'https://map.example.go.kr.evil.example/safemap/restricted/tiles/city.json',
      'pmtiles://https://map.example.go.kr/safemap/restricted/tiles/city.pmtiles',
      'not a url',
    ]) {
      expect(keyedRequest(url, restricted), url).toEqual({ url });
      expect(keyHeaders(url, restricted), url).toEqual({});
    }
    expect(keyedRequest('https://map.example.go.kr/safemap/restricted/tiles/city.json', undefined)).toEqual({ url: 'https://map.example.go.kr/safemap/restricted/tiles/city.json' });
  });
});

describe('withRestrictedStyle', () => {
  const style: StyleSpecification = { version: 8, sources: { city: { type: 'vector', url: 'https://map.example.go.kr/safemap/tiles/city.json' } }, layers: [{ id: 'background', type: 'background' }] };

  it('adds the restricted source and layers over the public ones', () => {
    const merged = withRestrictedStyle(style, restricted);
    expect(Object.keys(merged.sources)).toEqual(['city', RESTRICTED_SOURCE]);
    expect(merged.layers.map((layer) => layer.id)).toEqual(['background', 'patrol']);
  });

  it('leaves the style as it is without restricted layers', () => {
    expect(withRestrictedStyle(style, undefined)).toBe(style);
  });
});
