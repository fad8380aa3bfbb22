import { describe, expect, test } from 'vitest';
import { CatalogError, catalogUrl, parseCatalog, safetyLayers, selectTileset } from './catalog_client.js';

const BASE = 'http://127.0.0.1:8080/catalog';

function catalog(): any {
  return {
    tilesets: [
      {
        id: 'busan',
        title: { ko: '부산', en: 'Busan' },
        tilejson: 'http://127.0.0.1:8080/tiles/busan.json',
        style: 'http://127.0.0.1:8080/styles/busan.json',
        center: [129.06, 35.15, 11],
        bounds: [128.8, 35.0, 129.3, 35.4],
        attribution: 'ignored extra key',
        layers: [
          {
            id: 'shelters',
            title: { ko: '대피소', en: 'Shelters' },
            geometry: 'point',
            color: '#1f77b4',
            properties: ['name', 'address'],
          },
          { id: 'land', title: { en: 'Land' }, geometry: 'polygon', color: '#f7f4ee', properties: [], basemap: true },
        ],
      },
      { id: 'seoul', title: 'Seoul', style: '/styles/seoul.json', layers: [] },
    ],
  };
}

describe('parseCatalog', () => {
  test('accepts the documented shape and ignores unknown keys', () => {
    const parsed = parseCatalog(catalog(), BASE);
    expect(parsed.tilesets[0]).toEqual({
      id: 'busan',
      title: { ko: '부산', en: 'Busan' },
      tilejson: 'http://127.0.0.1:8080/tiles/busan.json',
      style: 'http://127.0.0.1:8080/styles/busan.json',
      center: [129.06, 35.15, 11],
      bounds: [128.8, 35.0, 129.3, 35.4],
      layers: [
        {
          id: 'shelters',
          title: { ko: '대피소', en: 'Shelters' },
          geometry: 'point',
          color: '#1f77b4',
          properties: ['name', 'address'],
          basemap: false,
        },
        { id: 'land', title: { en: 'Land' }, geometry: 'polygon', color: '#f7f4ee', properties: [], basemap: true },
      ],
    });
  });

  test('resolves relative URLs against the catalogue URL and accepts a plain-string title', () => {
    const seoul = parseCatalog(catalog(), BASE).tilesets[1]!;
    expect(seoul.style).toBe('http://127.0.0.1:8080/styles/seoul.json');
    expect(seoul.title).toEqual({ ko: 'Seoul', en: 'Seoul' });
  });

  test.each([
    [(c: any) => (c.tilesets = {}), 'tilesets', 'should be an array'],
    [(c: any) => delete c.tilesets[0].style, 'tilesets[0].style', 'should be a non-empty string'],
    [(c: any) => (c.tilesets[0].style = 'javascript:alert(1)'), 'tilesets[0].style', 'should be an http(s) URL'],
    [(c: any) => (c.tilesets[0].center = [129, 35]), 'tilesets[0].center', 'should be an array of 3 numbers'],
    [(c: any) => (c.tilesets[0].layers[0].geometry = 'multipoint'), 'tilesets[0].layers[0].geometry', 'should be one of point, line, polygon'],
    [(c: any) => (c.tilesets[0].layers[0].color = 'red;background:url(x)'), 'tilesets[0].layers[0].color', 'should be a #rrggbb colour'],
    [(c: any) => (c.tilesets[0].layers[0].title = { fr: 'Abris' }), 'tilesets[0].layers[0].title', 'should have a "ko" or "en" string'],
    [(c: any) => (c.tilesets[0].layers[0].properties = [1]), 'tilesets[0].layers[0].properties[0]', 'should be a non-empty string'],
    [(c: any) => (c.tilesets[0].layers[0].basemap = 'yes'), 'tilesets[0].layers[0].basemap', 'should be a boolean'],
  ])('rejects a bad catalogue with the path of the bad key (%#)', (spoil, path, reason) => {
    const bad = catalog();
    spoil(bad);
    let error: unknown;
    try {
      parseCatalog(bad, BASE);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogError);
    expect(error).toMatchObject({ path, message: `${path}: ${reason}` });
  });

  test('rejects a document that is not an object', () => {
    expect(() => parseCatalog(null, BASE)).toThrow('should be an object');
    expect(() => parseCatalog([], BASE)).toThrow('should be an object');
  });
});

test('safetyLayers leaves out the basemap', () => {
  const busan = parseCatalog(catalog(), BASE).tilesets[0]!;
  expect(safetyLayers(busan).map((l) => l.id)).toEqual(['shelters']);
});

describe('selectTileset', () => {
  const parsed = parseCatalog(catalog(), BASE);

  test('takes the first tile set by default, or the named one', () => {
    expect(selectTileset(parsed).id).toBe('busan');
    expect(selectTileset(parsed, '').id).toBe('busan');
    expect(selectTileset(parsed, 'seoul').id).toBe('seoul');
  });

  test('says which tile set is missing', () => {
    expect(() => selectTileset(parsed, 'daegu')).toThrow('no tile set "daegu" in the catalogue');
    expect(() => selectTileset({ tilesets: [] })).toThrow('the catalogue has no tile sets');
  });
});

test('catalogUrl keeps a path prefix of the server URL', () => {
  expect(catalogUrl('http://example.org').href).toBe('http://example.org/catalog');
  expect(catalogUrl('https://example.org/safemap').href).toBe('https://example.org/safemap/catalog');
  expect(catalogUrl('https://example.org/safemap/').href).toBe('https://example.org/safemap/catalog');
});
