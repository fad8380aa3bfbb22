import { z } from 'zod';

const id = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, "-" or "_", starting with a letter (max 64)');
const localizedText = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });
const zoom = z.number().int().min(0).max(24);
const propertyType = z.enum(['string', 'number', 'boolean']);
const crs = z.string().regex(/^EPSG:\d{4,5}$/, 'must look like "EPSG:4326"');

/** Where a layer's features come from, and how the file's columns map onto feature properties. */
const sourceSchema = z.strictObject({
  /** Path of the source file, relative to the catalogue file. */
  path: z.string().min(1),
  /** File format; inferred from the extension when absent. */
  format: z.enum(['csv', 'geojson', 'ndjson']).optional(),
  /** Text encoding; `auto` sniffs BOM, then UTF-8 validity, then falls back to CP949. */
  encoding: z.enum(['auto', 'utf-8', 'cp949']).default('auto'),
  /** Coordinate reference system of the source coordinates. */
  crs: crs.default('EPSG:4326'),
  /** CSV coordinate columns (latitude/longitude, or projected x/y). */
  columns: z
    .strictObject({
      lat: z.string().min(1).optional(),
      lon: z.string().min(1).optional(),
      x: z.string().min(1).optional(),
      y: z.string().min(1).optional(),
    })
    .optional(),
  /** Published property name → source column or property name, when they differ. */
  fields: z.record(z.string().min(1), z.string().min(1)).default({}),
});

const layerSchema = z
  .strictObject({
    id,
    title: localizedText,
    geometry: z.enum(['point', 'line', 'polygon']),
    source: sourceSchema,
    minzoom: zoom.default(0),
    maxzoom: zoom.default(14),
    /** The allow-list: only these properties, with these types, ever leave the server. */
    properties: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an identifier'), propertyType),
    attribution: z.string().min(1),
    license: z.string().min(1).optional(),
    /** A backdrop (land, districts): drawn first, never in the legend, never clickable. */
    basemap: z.boolean().default(false),
    /** Legend and style colour. */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour').optional(),
    /** `restricted` layers are split out of the public tile set and served only with an API key. */
    access: z.enum(['public', 'restricted']).default('public'),
    /** For sensitive layers (CCTV): coordinates snapped to a grid at load, and no tiles finer than `maxzoom`. */
    precision: z.strictObject({ gridMeters: z.number().min(1).max(100_000), maxzoom: zoom }).optional(),
  })
  .refine((layer) => layer.minzoom <= layer.maxzoom, { message: 'minzoom must not exceed maxzoom', path: ['minzoom'] })
  .refine((layer) => !layer.precision || layer.precision.maxzoom >= layer.minzoom, {
    message: 'precision.maxzoom must not be below the layer minzoom',
    path: ['precision', 'maxzoom'],
  });

/** A self-hosted basemap drawn under a tile set's layers; see docs/basemap.md. */
const basemapSchema = z.strictObject({
  /** PMTiles archive, relative to the catalogue; served as `/basemap/<name>.pmtiles`, so its file name is an id. */
  archive: z.string().regex(/(^|\/)[a-z][a-z0-9_-]{0,63}\.pmtiles$/, 'must be a path to "<name>.pmtiles", the name lowercase letters, digits, "-" or "_"'),
  /** Place gazetteer for search (`{"places":[…]}`); `<name>.places.json` beside the archive when absent. */
  places: z.string().min(1).optional(),
  /** Credit shown on the map for the basemap's data, e.g. "© OpenStreetMap contributors". */
  attribution: z.string().min(1),
});

const tilesetSchema = z
  .strictObject({
    id,
    title: localizedText,
    description: localizedText.optional(),
    /** Initial view: [longitude, latitude, zoom]. */
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), zoom]).optional(),
    /** The region the data must lie in, [west, south, east, north]; features outside it are left out and reported. */
    bounds: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .refine(([west, south, east, north]) => west < east && south < north, 'must be [west, south, east, north] with west < east and south < north')
      .optional(),
    layers: z.array(layerSchema).min(1),
    /** Streets, water and place names under the safety layers, from this server: no third-party map host. */
    basemap: basemapSchema.optional(),
  })
  .refine((set) => new Set(set.layers.map((layer) => layer.id)).size === set.layers.length, {
    message: 'layer ids must be unique within a tile set',
    path: ['layers'],
  });

/** An API key bound to the origins whose pages may use it, like a URL-restricted map token. */
const apiKeySchema = z.strictObject({
  id,
  /** SHA-256 of the key, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-character lowercase hex SHA-256 of the key'),
  /** Origins (`https://agency.go.kr`) allowed to use the key; `*` allows any, including none. */
  origins: z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)])).min(1),
  /** Tile sets whose restricted layers the key unlocks. */
  tilesets: z.array(id).min(1),
});

export const catalogSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Where `safemap build --config` publishes archives and the server looks for them. */
    publish: z
      .strictObject({
        /** Folder of published tile sets (`<dir>/<tileset>/current.json`), relative to the catalogue. */
        dir: z.string().min(1).default('tiles'),
        /** Versions kept on disk per tile set, the live one included (older ones are pruned). */
        keep: z.number().int().min(1).max(100).default(3),
      })
      .optional(),
    tilesets: z.array(tilesetSchema).min(1),
    /** Keys that unlock restricted layers, stored as SHA-256 hex digests; the keys themselves are never in config. */
    apiKeys: z.array(apiKeySchema).default([]),
  })
  .refine((catalog) => new Set(catalog.tilesets.map((set) => set.id)).size === catalog.tilesets.length, {
    message: 'tile set ids must be unique',
    path: ['tilesets'],
  });

export type CatalogInput = z.input<typeof catalogSchema>;
export type Catalog = z.output<typeof catalogSchema>;
export type TilesetConfig = Catalog['tilesets'][number];
export type LayerConfig = TilesetConfig['layers'][number];
export type SourceConfig = LayerConfig['source'];
export type PropertyType = z.output<typeof propertyType>;
export type BasemapConfig = z.output<typeof basemapSchema>;
export type ApiKeyConfig = Catalog['apiKeys'][number];
