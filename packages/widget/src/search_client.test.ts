import { describe, expect, it } from 'vitest';
import { placeZoom, searchPlaces, type Place } from './search_client.js';

const places: Place[] = [
  { name: '부산진구', name_en: 'Busanjin-gu', kind: 'district', at: [129.05, 35.16] },
  { name: '부산역', name_en: 'Busan Station', kind: 'station', at: [129.04, 35.11] },
  { name: '부산광역시', name_en: 'Busan', kind: 'city', at: [129.05, 35.21] },
  { name: '울산광역시', name_en: 'Ulsan', kind: 'city', at: [129.21, 35.53] },
  { name: '해운대구', name_en: 'Haeundae-gu', kind: 'district', at: [129.16, 35.16] },
];

describe('searchPlaces', () => {
  it('puts the city first among names that start with the query, then districts and stations', () => {
    expect(searchPlaces(places, '부산', 10).map((place) => place.name)).toEqual(['부산광역시', '부산진구', '부산역']);
  });

  it('finds a neighbouring city by its English name, whatever the case and spacing', () => {
    expect(searchPlaces(places, ' ulsan ', 10).map((place) => place.name)).toEqual(['울산광역시']);
  });

  it('shows a city zoomed out far enough to see it whole, and one outside the region where the basemap still has context', () => {
    expect(placeZoom('city')).toBeLessThan(placeZoom('district'));
    expect(placeZoom('city')).toBe(11);
    expect(placeZoom('city', false)).toBe(7);
  });
});
