// Builds the Busan demo's basemap from open data, since no Busan street extract ships with the project:
// sea polygons, KOSTAT 2018 district (gu) and neighbourhood (dong) boundaries and names in Korean and English,
// metro lines and stations; and, zoomed out (z5–z9), Korea's cities and the sea around it from KOSTAT and Natural
// Earth (scripts/basemap-context.mjs; needs `7z` from p7zip-full and `ogr2ogr` from gdal-bin). Same layer schema as the OpenStreetMap path (water, boundary, place, transportation,
// poi), so one style draws both.
//
//   npm run build && npm run basemap:busan [-- --data ../shared/data/basemap]
//
// Writes examples/busan/basemap/busan.pmtiles and busan.places.json. Deterministic: same data, same bytes.
// An agency with an OpenStreetMap extract runs `npm run basemap:osm` instead (see docs/basemap.md).
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { writePlaces, writePmtiles } from '@safemap/tile-server';
import { readContext } from './basemap-context.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples/busan/basemap/busan.pmtiles');
const PLACES = join(ROOT, 'examples/busan/basemap/busan.places.json');
const BOUNDS = [128.7, 34.85, 129.35, 35.45]; // the Busan tile set's region [west, south, east, north]
/** Zoomed out, the tiles cover this much more on every side (degrees): the widget lets the map move as far. */
const CONTEXT_DEGREES = 8;
const pad = (degrees) => [BOUNDS[0] - degrees, BOUNDS[1] - degrees, BOUNDS[2] + degrees, BOUNDS[3] + degrees];
const AREA = pad(CONTEXT_DEGREES);
/** Around the region at z8 and z9: the neighbouring provinces, then the neighbouring cities and the sea between. */
const AROUND = pad(4);
const NEAR = pad(1);
/** Where the detailed sea polygons apply (their clip box); Natural Earth's coarser ocean fills the rest. */
const SEA_BOX = [128.75, 34.95, 129.32, 35.4];
/** The last zoom drawn from Natural Earth's ocean alone, and the last with the wide context area. */
const CONTEXT_MAXZOOM = 8;
const MINZOOM = 5;
/** The style draws neighbourhood outlines and names from z12 (basemap_style_layers.ts). */
const NEIGHBOURHOOD_MINZOOM = 12;
const MAXZOOM = 14;
const EXTENT = 4096;
/** Spacing of the repeated neighbourhood labels, in metres: closer than a phone screen is wide at z17 (~370 m). */
const GRID_METERS = 320;
const ATTRIBUTION =
  '© OpenStreetMap contributors (sea, metro) | 통계청 SGIS / Statistics Korea 2018 (cities, districts, neighbourhoods, KOGL Type 1) | Natural Earth (ocean, coastline, places)';

const args = parseArgs({ options: { data: { type: 'string', default: resolve(ROOT, '../shared/data/basemap') } } }).values;
const read = (file) => JSON.parse(readFileSync(join(args.data, file), 'utf8'));

const sea = read('derived/busan_sea_clip_geomaps_earth-seas-10m.geojson');
const gu = read('derived/busan_gu_kostat2018.geojson');
const dong = read('derived/busan_dong_kostat2018.geojson');
const guLabels = read('derived/busan_gu_labels_kostat2018.geojson');
const dongLabels = read('derived/busan_dong_labels_kostat2018.geojson');
const metro = read('osm/busan-metro-lines-stations.route.geojson');

const context = readContext(args.data, { area: AREA, near: NEAR, seaBox: SEA_BOX });
const BUSAN_GROUP = '21';
/** Cities (si, metropolitan cities) from z5, counties (gun) from z8: zoomed out, the gun would crowd out the cities. */
const cityLabel = (m) => feature({ type: 'Point', coordinates: m.label }, { class: 'city', name: m.name, ...(m.name_en ? { name_en: m.name_en } : {}), rank: m.group.length === 2 ? 1 : m.name.endsWith('군') ? 3 : 2 });

const guByCode = new Map(guLabels.features.map((f) => [f.properties.code, f.properties]));
const districtOf = (dongCode) => guByCode.get(dongCode.slice(0, 5)) ?? { name: '', name_eng: '' };

/** A layer of the archive: its features and the zooms whose tiles carry it. */
const layers = [
  // Zoomed out, Natural Earth's ocean alone; from z9 the detailed sea where it was cut, Natural Earth's around it.
  layer('water', MINZOOM, CONTEXT_MAXZOOM, context.oceanArea.map((f) => feature(f.geometry, { class: 'ocean' })), { tolerance: 8 }),
  layer('water', CONTEXT_MAXZOOM + 1, MAXZOOM, [
    ...sea.features.map((f) => feature(f.geometry, { class: 'ocean' })),
    ...context.oceanOutside.map((f) => feature(f.geometry, { class: 'ocean' })),
  ]),
  layer('coastline', MINZOOM, CONTEXT_MAXZOOM, context.coastline.map((f) => feature(f.geometry, { class: 'coastline' })), { tolerance: 8 }),
  // Outlines of the cities around Busan (Busan's own come from its districts below); farther ones would only add bytes.
  layer('boundary', 8, MAXZOOM, context.municipalities.filter((m) => m.group !== BUSAN_GROUP && within(m.label, NEAR))
    .flatMap((m) => outlines(m.outline).map((g) => feature(g, { admin_level: 6 })))),
  layer('place', MINZOOM, 7, [
    ...context.municipalities.filter((m) => !m.name.endsWith('군')).map((m) => cityLabel(m)),
    ...context.places.map((p) => feature(p.geometry, { class: 'city', name_en: p.properties.name_en, rank: p.properties.rank })),
  ]),
  layer('place', 8, 12, context.municipalities.filter((m) => m.group !== BUSAN_GROUP).map((m) => cityLabel(m))),
  layer('boundary', 8, MAXZOOM, gu.features.flatMap((f) => outlines(f.geometry).map((g) => feature(g, { admin_level: 6 })))),
  // Neighbourhoods' outlines and names only where the style draws them (z12+): the bytes went unread before.
  layer('boundary', NEIGHBOURHOOD_MINZOOM, MAXZOOM, dong.features.flatMap((f) => outlines(f.geometry).map((g) => feature(g, { admin_level: 8 })))),
  layer('transportation', 8, MAXZOOM, metro.features
    .filter((f) => f.geometry.type === 'LineString')
    .map((f) => feature(f.geometry, { class: 'subway', ref: f.properties.ref ?? '', colour: f.properties.colour ?? '#888888' }))),
  layer('poi', 11, MAXZOOM, dedupeStations(metro.features.filter((f) => f.geometry.type === 'Point'))
    .map((f) => feature(f.geometry, { class: 'railway', subclass: 'subway', name: f.properties.name }))),
  layer('place', 8, MAXZOOM, guLabels.features.map((f) => feature(f.geometry, { class: 'borough', name: f.properties.name, name_en: f.properties.name_eng }))),
  layer('place', NEIGHBOURHOOD_MINZOOM, MAXZOOM, dongLabels.features.map((f) => feature(f.geometry, { class: 'quarter', name: f.properties.name, name_en: f.properties.name_eng }))),
  // Repeated neighbourhood names with their district, only in the deepest tiles: zoomed in to a street, a resident
  // still reads which 동 and 구 they are in, wherever the one label point is.
  layer('place_grid', MAXZOOM, MAXZOOM, dong.features.flatMap((f) => {
    const district = districtOf(f.properties.code);
    return gridInside(f.geometry).map(([lon, lat, sparse]) =>
      feature({ type: 'Point', coordinates: [lon, lat] }, {
        class: 'quarter', name: f.properties.name, name_en: f.properties.name_eng,
        district: district.name, district_en: district.name_eng, sparse,
      }));
  })),
];

function layer(id, minzoom, maxzoom, features, { tolerance = 3 } = {}) {
  const slicer = new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: maxzoom, indexMaxZoom: 4, tolerance, extent: EXTENT, buffer: 64 });
  return { id, minzoom, maxzoom, slicer, fields: fieldsOf(features) };
}

function within([lon, lat], [west, south, east, north]) {
  return lon >= west && lon <= east && lat >= south && lat <= north;
}

function feature(geometry, properties) {
  return { type: 'Feature', geometry, properties };
}

function fieldsOf(features) {
  const fields = {};
  for (const f of features) for (const [k, v] of Object.entries(f.properties)) fields[k] = typeof v === 'number' ? 'Number' : 'String';
  return fields;
}

/** Polygon rings as lines, so boundaries are stroked without filling anything. */
function outlines(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) => polygon.map((ring) => ({ type: 'LineString', coordinates: ring })));
}

/** Stations served by two lines appear once per line in the source; one label each. */
function dedupeStations(points) {
  const seen = new Map();
  for (const p of points) {
    const key = p.properties.name;
    const [lon, lat] = p.geometry.coordinates;
    const twin = (seen.get(key) ?? []).some(([x, y]) => Math.hypot((x - lon) * 91000, (y - lat) * 111000) < 400);
    if (!twin) seen.set(key, [...(seen.get(key) ?? []), [lon, lat]]);
  }
  return points.filter((p) => {
    const list = seen.get(p.properties.name) ?? [];
    const i = list.findIndex(([x, y]) => x === p.geometry.coordinates[0] && y === p.geometry.coordinates[1]);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  });
}

/** Lattice points inside a (multi)polygon; `sparse` marks every other one, for the zoom before the full lattice. */
function gridInside(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const dLat = GRID_METERS / 111_320;
  const dLon = GRID_METERS / (111_320 * Math.cos((35.15 * Math.PI) / 180));
  const points = [];
  for (const polygon of polygons) {
    const ring = polygon[0];
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    // A fixed lattice anchored at the region's corner, so neighbouring polygons never double up along an edge.
    for (let i = Math.ceil((Math.min(...xs) - BOUNDS[0]) / dLon); BOUNDS[0] + i * dLon <= Math.max(...xs); i++) {
      for (let j = Math.ceil((Math.min(...ys) - BOUNDS[1]) / dLat); BOUNDS[1] + j * dLat <= Math.max(...ys); j++) {
        const p = [BOUNDS[0] + i * dLon, BOUNDS[1] + j * dLat];
        if (inside(p, polygon)) points.push([round(p[0]), round(p[1]), i % 2 === 0 && j % 2 === 0 ? 1 : 0]);
      }
    }
  }
  return points;
}

function inside([x, y], polygon) {
  let isIn = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) isIn = !isIn;
    }
  }
  return isIn;
}

function round(value) {
  return Math.round(value * 1e5) / 1e5;
}

/** The area a zoom's tiles cover: wide zoomed out, the region itself from z10. */
function coverage(z) {
  return z < CONTEXT_MAXZOOM ? AREA : z === CONTEXT_MAXZOOM ? AROUND : z === CONTEXT_MAXZOOM + 1 ? NEAR : BOUNDS;
}

function tileRange(z) {
  const [west, south, east, north] = coverage(z);
  const n = 2 ** z;
  const x = (lon) => Math.floor(((lon + 180) / 360) * n);
  const y = (lat) => Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  return { x0: x(west), x1: x(east), y0: y(north), y1: y(south) };
}

const started = performance.now();
const tiles = [];
const byZoom = {};
const seen = new Set();
for (let z = MINZOOM; z <= MAXZOOM; z++) {
  const { x0, x1, y0, y1 } = tileRange(z);
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const parts = {};
      for (const l of layers) {
        if (z < l.minzoom || z > l.maxzoom) continue;
        const tile = l.slicer.getTile(z, x, y);
        // Two sources of one layer (the ocean and the detailed sea) share its tile.
        if (tile && tile.features.length > 0) parts[l.id] = parts[l.id] ? { ...tile, features: [...parts[l.id].features, ...tile.features] } : tile;
      }
      if (Object.keys(parts).length === 0) continue;
      const mvt = fromGeojsonVt(parts, { version: 2, extent: EXTENT });
      // mtime 0 and a fixed level: the same tiles give the same archive bytes.
      const data = gzipSync(mvt, { level: 9 });
      tiles.push({ tileId: zxyToTileId(z, x, y), data });
      // Tiles of open sea are the same bytes, stored once: count each content once.
      const zoom = (byZoom[z] ??= { tiles: 0, bytes: 0, largest: 0 });
      zoom.tiles++;
      zoom.largest = Math.max(zoom.largest, data.length);
      const key = data.toString('base64');
      if (!seen.has(key)) zoom.bytes += data.length;
      seen.add(key);
    }
  }
}
tiles.sort((a, b) => a.tileId - b.tileId);
await writePmtiles(OUT, tiles, {
  name: 'busan',
  description: 'Busan demo basemap: sea, districts and neighbourhoods (ko/en), metro lines and stations; Korea\'s cities and the sea around it zoomed out',
  attribution: ATTRIBUTION,
  minzoom: MINZOOM,
  maxzoom: MAXZOOM,
  // The tiles' extent, not the tile set's region: MapLibre requests no tile outside a source's bounds.
  bounds: AREA,
  center: [129.06, 35.15, 11],
  vector_layers: vectorLayers(),
  generator: 'scripts/basemap-busan.mjs',
  generator_options: '',
  sources: [],
});

/** One entry per layer id, over all its sources. */
function vectorLayers() {
  const byId = new Map();
  for (const l of layers) {
    const seen = byId.get(l.id);
    byId.set(l.id, seen
      ? { id: l.id, minzoom: Math.min(seen.minzoom, l.minzoom), maxzoom: Math.max(seen.maxzoom, l.maxzoom), fields: { ...seen.fields, ...l.fields } }
      : { id: l.id, minzoom: l.minzoom, maxzoom: l.maxzoom, fields: l.fields });
  }
  return [...byId.values()];
}

const stationPlaces = dedupeStations(metro.features.filter((f) => f.geometry.type === 'Point'));
const places = await writePlaces(PLACES, [
  // Korea's cities, as the zoomed-out basemap names them: a search for 울산 or Gimhae finds them, and the map says
  // there that it covers Busan only.
  ...context.municipalities.map((m) => ({ name: m.name, name_en: m.name_en, kind: 'city', lon: m.label[0], lat: m.label[1] })),
  ...guLabels.features.map((f) => place(f, 'district')),
  ...dongLabels.features.map((f) => place(f, 'neighbourhood')),
  // The station data has English names only.
  ...stationPlaces.map((f) => ({ name: f.properties.name, kind: 'station', lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })),
]);

function place(f, kind) {
  return { name: f.properties.name, name_en: f.properties.name_eng, kind, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
}

const seconds = Math.round((performance.now() - started) / 100) / 10;
process.stdout.write(`${JSON.stringify({ output: OUT, bytes: statSync(OUT).size, tiles: tiles.length, places, seconds, zooms: byZoom })}\n`);
