import { expect, test } from 'vitest';
import { bearingDegrees, compassPoint, distanceMeters, formatDistance } from './geo.js';

test('distance: one degree of latitude is about 111.2 km, and a point is 0 m from itself', () => {
  expect(distanceMeters([129, 35], [129, 36])).toBeCloseTo(111_195, -1);
  expect(distanceMeters([129.05, 35.1], [129.05, 35.1])).toBe(0);
});

test('bearing and compass point: north, east, south-west', () => {
  expect(compassPoint(bearingDegrees([129, 35], [129, 35.1]))).toBe('N');
  expect(compassPoint(bearingDegrees([129, 35], [129.1, 35]))).toBe('E');
  expect(compassPoint(bearingDegrees([129, 35], [128.9, 34.9]))).toBe('SW');
  expect(compassPoint(350)).toBe('N');
  expect(compassPoint(22.4)).toBe('N');
  expect(compassPoint(22.6)).toBe('NE');
});

test('distances read as people say them', () => {
  expect(formatDistance(4, 'ko')).toBe('10 m');
  expect(formatDistance(847, 'en')).toBe('850 m');
  expect(formatDistance(1_234, 'en')).toBe('1.2 km');
  expect(formatDistance(12_345, 'ko')).toBe('12.3 km');
});
