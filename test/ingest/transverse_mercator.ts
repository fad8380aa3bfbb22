/**
 * An independent Transverse Mercator (Snyder, "Map Projections — A Working Manual", USGS PP 1395, 1987,
 * equations 8-9 to 8-25), so reprojection is checked against formulas rather than against proj4 itself.
 */
export interface Ellipsoid {
  a: number;
  f: number;
}

export const grs80: Ellipsoid = { a: 6378137, f: 1 / 298.257222101 };
export const bessel: Ellipsoid = { a: 6377397.155, f: 1 / 299.1528128 };

export interface TmParameters {
  ellipsoid: Ellipsoid;
  lat0: number;
  lon0: number;
  k0: number;
  x0: number;
  y0: number;
}

const rad = Math.PI / 180;

function meridianArc(e2: number, a: number, phi: number): number {
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  return (
    a *
    ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi -
      ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi) +
      ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) -
      ((35 * e6) / 3072) * Math.sin(6 * phi))
  );
}

/** Geographic (degrees, on the projection's own ellipsoid) → easting/northing in metres. */
export function tmForward(p: TmParameters, lon: number, lat: number): [number, number] {
  const { a, f } = p.ellipsoid;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const phi = lat * rad;
  const N = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const T = Math.tan(phi) ** 2;
  const C = ep2 * Math.cos(phi) ** 2;
  const A = (lon - p.lon0) * rad * Math.cos(phi);
  const M = meridianArc(e2, a, phi);
  const M0 = meridianArc(e2, a, p.lat0 * rad);
  const x = p.k0 * N * (A + ((1 - T + C) * A ** 3) / 6 + ((5 - 18 * T + T * T + 72 * C - 58 * ep2) * A ** 5) / 120);
  const y =
    p.k0 *
    (M - M0 + N * Math.tan(phi) * (A * A / 2 + ((5 - T + 9 * C + 4 * C * C) * A ** 4) / 24 + ((61 - 58 * T + T * T + 600 * C - 330 * ep2) * A ** 6) / 720));
  return [x + p.x0, y + p.y0];
}

/** Easting/northing in metres → geographic degrees on the projection's ellipsoid. */
export function tmInverse(p: TmParameters, easting: number, northing: number): [number, number] {
  const { a, f } = p.ellipsoid;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const M0 = meridianArc(e2, a, p.lat0 * rad);
  const M = M0 + (northing - p.y0) / p.k0;
  const mu = M / (a * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256));
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const C1 = ep2 * Math.cos(phi1) ** 2;
  const T1 = Math.tan(phi1) ** 2;
  const N1 = a / Math.sqrt(1 - e2 * Math.sin(phi1) ** 2);
  const R1 = (a * (1 - e2)) / (1 - e2 * Math.sin(phi1) ** 2) ** 1.5;
  const D = (easting - p.x0) / (N1 * p.k0);
  const lat =
    phi1 -
    ((N1 * Math.tan(phi1)) / R1) *
      (D * D / 2 - ((5 + 3 * T1 + 10 * C1 - 4 * C1 * C1 - 9 * ep2) * D ** 4) / 24 + ((61 + 90 * T1 + 298 * C1 + 45 * T1 * T1 - 252 * ep2 - 3 * C1 * C1) * D ** 6) / 720);
  const lon = p.lon0 * rad + (D - ((1 + 2 * T1 + C1) * D ** 3) / 6 + ((5 - 2 * C1 + 28 * T1 - 3 * C1 * C1 + 8 * ep2 + 24 * T1 * T1) * D ** 5) / 120) / Math.cos(phi1);
  return [lon / rad, lat / rad];
}

/** Great-circle distance in metres between two lon/lat points (enough for sub-metre comparisons). */
export function distanceMetres([lon1, lat1]: readonly number[], [lon2, lat2]: readonly number[]): number {
  const dLat = (lat2! - lat1!) * rad;
  const dLon = (lon2! - lon1!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
