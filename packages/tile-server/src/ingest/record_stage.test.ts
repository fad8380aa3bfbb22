import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../catalog/load_catalog.js';
import { publishProperties } from './publish_properties.js';

const layer = parseCatalog(
  {
    tilesets: [
      {
        id: 't',
        title: { ko: 't', en: 't' },
        layers: [
          {
            id: 'l',
            title: { ko: 'l', en: 'l' },
            geometry: 'point',
            source: { path: 'x.csv', fields: { name: '시설명', capacity: '수용인원' } },
            properties: { name: 'string', capacity: 'number', open: 'boolean' },
            attribution: 'a',
          },
        ],
      },
    ],
  },
  'catalog.json',
).tilesets[0]!.layers[0]!;

describe('publishing properties', () => {
  it('keeps only allow-listed properties, renamed and typed', () => {
    expect({ ...publishProperties(layer, { 시설명: ' 중앙초등학교 ', 수용인원: '1,200', open: 'Y', secret: 'SECRET' }) }).toEqual({
      name: '중앙초등학교',
      capacity: 1200,
      open: true,
    });
  });

  it('drops empty, null and unparseable cells instead of publishing them', () => {
    expect({ ...publishProperties(layer, { 시설명: 'null', 수용인원: 'many', open: '-' }) }).toEqual({});
  });

  it('cannot be used to pollute prototypes', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "시설명": "a"}');
    const out = publishProperties(layer, hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['name']);
  });
});
