import { expect, test } from 'vitest';
import type { CatalogLayer } from './catalog_client.js';
import { popupModel } from './popup_content.js';

const shelters: CatalogLayer = {
  id: 'shelters',
  title: { ko: '대피소', en: 'Shelters' },
  geometry: 'point',
  color: '#1f77b4',
  properties: ['name', 'address', 'kind', 'capacity', 'phone', 'dataDate'],
  basemap: false,
};

test('heads the popup with the name and lists the other properties in catalogue order', () => {
  const model = popupModel(
    { synthetic: true, capacity: 350, name: '부산시민공원 대피소', address: '부산진구 시민공원로 73', zone: 'A' },
    shelters,
    'ko',
  );
  expect(model).toEqual({
    layerTitle: '대피소',
    heading: '부산시민공원 대피소',
    rows: [
      { key: 'address', label: '주소', value: '부산진구 시민공원로 73' },
      { key: 'capacity', label: '수용 인원', value: '350명' },
      { key: 'synthetic', label: '가상(시연용) 데이터', value: '예' },
      { key: 'zone', label: 'zone', value: 'A' },
    ],
  });
});

test('uses the layer title as the heading when the feature has no name', () => {
  const model = popupModel({ name: '  ', capacity: 10 }, shelters, 'en');
  expect(model.heading).toBe('Shelters');
  expect(model.rows.map((r) => r.key)).toEqual(['capacity']);
});

test('leaves out empty values', () => {
  const model = popupModel({ name: 'X', address: '', phone: null }, shelters, 'en');
  expect(model.rows).toEqual([]);
});

test('works without a catalogue layer', () => {
  const model = popupModel({ b: 2, a: 1 }, undefined, 'en');
  expect(model.heading).toBe('');
  expect(model.rows.map((r) => r.key)).toEqual(['a', 'b']);
});

test('keeps markup in property values as plain text for textContent', () => {
  const model = popupModel({ name: '<img src=x onerror=alert(1)>' }, shelters, 'en');
  expect(model.heading).toBe('<img src=x onerror=alert(1)>');
});

test('speaks of a cluster as "N <layer title> here", never of cluster or point_count', () => {
  const cctv: CatalogLayer = { ...shelters, id: 'cctv', title: { ko: 'CCTV', en: 'CCTV cameras' }, properties: ['address'] };
  const properties = { cluster: true, point_count: 1520, point_count_abbreviated: '1.5k' };
  const en = popupModel(properties, cctv, 'en');
  expect(en.heading).toBe('1,520 CCTV cameras here');
  expect(en.rows).toEqual([]);
  expect(en.note).toBe('Zoom in to see them one by one.');
  expect(popupModel(properties, cctv, 'ko').heading).toBe('이 근처 CCTV 1,520곳');
  // A single point never shows the tiler's keys either.
  expect(popupModel({ address: 'x', cluster: false, point_count: 1 }, cctv, 'en').rows.map((r) => r.key)).toEqual(['address']);
});
