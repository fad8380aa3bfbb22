import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temporary catalogue whose every feature carries the `marker` of the publication it was built for. */
export interface MarkerCatalogue {
  readonly dir: string;
  readonly catalog: string;
  /** `<dir>/published/<tileset>`: the pointer and version archives of the tile set. */
  readonly tilesetDir: string;
  readonly tileset: string;
}

/** Region the data lies in: a part of Busan, small enough that a build of a few hundred points takes about a second. */
export const MARKER_REGION = { west: 129.0, south: 35.15, east: 129.12, north: 35.25 } as const;

/**
 * Two layers per tile set: `bells` (CSV points) and `zone` (a GeoJSON polygon covering the whole region). Cluster
 * features at low zooms carry no properties, but the zone reaches every tile of the region at every zoom, so each
 * tile holds at least one marked feature whose marker says which publication it came from.
 */
export async function makeMarkerCatalogue(ids: readonly string[] = ['town'], keep = 3, maxzoom = 14): Promise<MarkerCatalogue> {
  const dir = await mkdtemp(path.join(tmpdir(), 'safemap-marker-'));
  const catalog = path.join(dir, 'catalog.json');
  const tilesets = ids.map((id) => ({
    id,
    title: { ko: '마을', en: `Town ${id}` },
    layers: [
      {
        id: 'bells',
        title: { ko: '안전비상벨', en: 'Emergency bells' },
        geometry: 'point',
        source: { path: `${id}-bells.csv`, columns: { lat: 'lat', lon: 'lon' } },
        minzoom: 8,
        maxzoom,
        properties: { name: 'string', marker: 'string' },
        attribution: 'test data',
      },
      {
        id: 'zone',
        title: { ko: '구역', en: 'Zone' },
        geometry: 'polygon',
        source: { path: `${id}-zone.geojson` },
        minzoom: 8,
        maxzoom,
        properties: { marker: 'string' },
        attribution: 'test data',
      },
    ],
  }));
  await writeFile(catalog, JSON.stringify({ publish: { dir: 'published', keep }, tilesets }));
  return { dir, catalog, tilesetDir: path.join(dir, 'published', ids[0]!), tileset: ids[0]! };
}

/**
 * Writes the sources of tile set `id` with `count` seeded points, every feature marked `marker`. Each file is
 * written beside its final name and renamed over it, so a server re-reading sources never sees half a file.
 */
export async function writeMarkedSources(dir: string, id: string, marker: string, count: number, seed = 7): Promise<void> {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const { west, south, east, north } = MARKER_REGION;
  const rows = ['name,marker,lat,lon'];
  for (let i = 0; i < count; i++) {
    rows.push(`bell ${i},${marker},${(south + random() * (north - south)).toFixed(6)},${(west + random() * (east - west)).toFixed(6)}`);
  }
  const zone = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { marker },
        geometry: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
      },
    ],
  };
  await atomicWrite(path.join(dir, `${id}-bells.csv`), `${rows.join('\n')}\n`);
  await atomicWrite(path.join(dir, `${id}-zone.geojson`), JSON.stringify(zone));
}

async function atomicWrite(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** Tiles inside the region from z8 to `maxzoom`, a few per zoom, each fully or partly covered by the zone. */
export function tilesInRegion(perZoom = 3, maxzoom = 14): Array<{ z: number; x: number; y: number }> {
  const out: Array<{ z: number; x: number; y: number }> = [];
  const { west, south, east, north } = MARKER_REGION;
  for (let z = 8; z <= maxzoom; z++) {
    for (let i = 0; i < perZoom; i++) {
      const f = (i + 0.5) / perZoom;
      const lon = west + f * (east - west);
      const lat = south + f * (north - south);
      out.push({ z, ...tileOf(lon, lat, z) });
    }
  }
  const seen = new Set<string>();
  return out.filter(({ z, x, y }) => !seen.has(`${z}/${x}/${y}`) && seen.add(`${z}/${x}/${y}`));
}

/** The z/x/y of the tile containing a WGS84 position. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}
