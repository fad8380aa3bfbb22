import { describe, expect, it } from 'vitest';
import { placesFromGeojsonSeq } from './osm_places.js';
import { normalizePlaces } from './place_gazetteer.js';

const rs = '\x1e';
const seq = (...features: object[]) => features.map((f) => `${rs}${JSON.stringify({ type: 'Feature', ...f })}`).join('\n');
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

describe('placesFromGeojsonSeq', () => {
  it('sorts OSM objects into cities and towns, districts, neighbourhoods, stations and places', () => {
    const places = placesFromGeojsonSeq(
      seq(
        { geometry: point(129.16, 35.16), properties: { place: 'borough', name: '해운대구', 'name:en': 'Haeundae-gu' } },
        { geometry: point(129.03, 35.1), properties: { place: 'quarter', name: '중앙동' } },
        { geometry: point(129.06, 35.16), properties: { railway: 'station', name: '서면', 'name:en': 'Seomyeon' } },
        { geometry: point(129.07, 35.17), properties: { public_transport: 'station', subway: 'yes', name: '부전' } },
        { geometry: point(129.08, 35.18), properties: { public_transport: 'station', name: '시청앞' } },
        { geometry: point(129.1, 35.2), properties: { place: 'island', name: '오륙도' } },
        { geometry: point(129.31, 35.54), properties: { place: 'city', name: '울산', 'name:en': 'Ulsan' } },
        { geometry: point(128.89, 35.23), properties: { place: 'town', name: '진영읍' } },
        { geometry: point(129.1, 35.2), properties: { amenity: 'cafe', name: '카페' } },
        { geometry: point(129.1, 35.2), properties: { place: 'borough' } },
      ),
    );
    expect(places.map((p) => [p.name, p.kind])).toEqual([
      ['해운대구', 'district'],
      ['중앙동', 'neighbourhood'],
      ['서면', 'station'],
      ['부전', 'station'],
      ['오륙도', 'place'],
      ['울산', 'city'],
      ['진영읍', 'city'],
    ]);
    expect(places[0]).toMatchObject({ name_en: 'Haeundae-gu', lon: 129.16, lat: 35.16 });
  });

  it('labels administrative areas at the centroid of their largest ring', () => {
    const square = [[[129, 35], [129.02, 35], [129.02, 35.02], [129, 35.02], [129, 35]]];
    const speck = [[[128, 34], [128.001, 34], [128.001, 34.001], [128, 34]]];
    const [dong] = placesFromGeojsonSeq(
      seq({ geometry: { type: 'MultiPolygon', coordinates: [speck, square] }, properties: { boundary: 'administrative', admin_level: '8', name: '전포동' } }),
    );
    expect(dong).toMatchObject({ kind: 'neighbourhood' });
    expect(dong!.lon).toBeCloseTo(129.01, 6);
    expect(dong!.lat).toBeCloseTo(35.01, 6);
  });
});

describe('normalizePlaces', () => {
  it('merges the node and the area of one station, drops an English name equal to the local one, and sorts', () => {
    const places = normalizePlaces([
      { name: 'Seomyeon', name_en: 'Seomyeon', kind: 'station', lon: 129.0592, lat: 35.1578 },
      { name: 'Seomyeon', kind: 'station', lon: 129.0594, lat: 35.158 },
      { name: '부산진구', name_en: 'Busanjin-gu', kind: 'district', lon: 129.053123456, lat: 35.16 },
    ]);
    expect(places).toEqual([
      { name: '부산진구', name_en: 'Busanjin-gu', kind: 'district', lon: 129.05312, lat: 35.16 },
      { name: 'Seomyeon', kind: 'station', lon: 129.0592, lat: 35.1578 },
    ]);
  });
});
