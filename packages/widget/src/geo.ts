import type { Lang } from './i18n.js';

/** Longitude, latitude in degrees (WGS 84). */
export type LngLat = [number, number];

/** Mean Earth radius (IUGG), metres: the haversine error it leaves is far below a city block. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two points, in metres (haversine). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `a` to `b`, in degrees clockwise from true north, 0 ≤ result < 360. */
export function bearingDegrees(a: LngLat, b: LngLat): number {
  const [lat1, lat2] = [a[1] * RAD, b[1] * RAD];
  const dLon = (b[0] - a[0]) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
}

/** The eight compass points, clockwise from north. */
export const COMPASS_POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** The compass point nearest a bearing: each covers 45°, north from 337.5° to 22.5°. */
export function compassPoint(bearing: number): CompassPoint {
  const index = Math.round((((bearing % 360) + 360) % 360) / 45) % 8;
  return COMPASS_POINTS[index]!;
}

/** A distance as people say it: whole metres (rounded to 10) below 1 km, else kilometres with one decimal. */
export function formatDistance(meters: number, lang: Lang): string {
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  if (meters < 995) return `${new Intl.NumberFormat(locale).format(Math.max(10, Math.round(meters / 10) * 10))} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(meters / 1000)} km`;
}
