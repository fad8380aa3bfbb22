import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { resolveStyleUrl, resolveStyleUrls } from './style_urls.js';

const style = 'https://cdn.example.go.kr/map/styles/busan.json';

describe('resolveStyleUrl', () => {
  it('leaves absolute URLs, as a tile server writes them, untouched', () => {
    for (const url of ['https://map.example.go.kr/tiles/busan.json', 'pmtiles://https://map.example.go.kr/basemap/busan@0123456789abcdef.pmtiles', 'blob:https://x/1', 'data:,x']) {
      expect(resolveStyleUrl(url, style)).toBe(url);
    }
  });

  it('resolves links of an exported folder against the style, inside pmtiles:// too', () => {
    expect(resolveStyleUrl('../sprites/busan.0123456789ab', style)).toBe('https://cdn.example.go.kr/map/sprites/busan.0123456789ab');
    expect(resolveStyleUrl('../sprites/busan.0123456789ab@2x.png', style)).toBe('https://cdn.example.go.kr/map/sprites/busan.0123456789ab@2x.png');
    expect(resolveStyleUrl('pmtiles://../tiles/busan.0123456789abcdef.pmtiles', style)).toBe('pmtiles://https://cdn.example.go.kr/map/tiles/busan.0123456789abcdef.pmtiles');
  });
});

describe('resolveStyleUrls', () => {
  it('resolves the sprite and source URLs of an exported style, keeping tile placeholders', () => {
    const resolved = resolveStyleUrls(
      { version: 8, sprite: '../sprites/busan.0123456789ab', sources: { busan: { type: 'vector', url: 'pmtiles://../tiles/busan.0123456789abcdef.pmtiles' }, raw: { type: 'vector', tiles: ['../t/{z}/{x}/{y}.mvt'] } }, layers: [] } as StyleSpecification,
      style,
    );
    expect(resolved.sprite).toBe('https://cdn.example.go.kr/map/sprites/busan.0123456789ab');
    expect(resolved.sources.busan).toEqual({ type: 'vector', url: 'pmtiles://https://cdn.example.go.kr/map/tiles/busan.0123456789abcdef.pmtiles' });
    expect((resolved.sources.raw as { tiles: string[] }).tiles).toEqual(['https://cdn.example.go.kr/map/t/{z}/{x}/{y}.mvt']);
  });

  it('gives back a tile server style of absolute URLs unchanged', () => {
    const server = { version: 8, sprite: [{ id: 'default', url: 'https://map.example.go.kr/sprites/busan' }], sources: { busan: { type: 'vector', url: 'https://map.example.go.kr/tiles/busan.json' } }, layers: [] } as StyleSpecification;
    expect(resolveStyleUrls(server, 'https://map.example.go.kr/styles/busan.json')).toEqual(server);
  });
});
