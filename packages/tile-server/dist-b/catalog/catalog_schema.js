import { z } from 'zod';
// Every key carries its meaning and an example in `.meta()`: docs/catalog.md and catalog.schema.json are generated
// from this file (`npm run docs:catalog`), and a test fails when they drift from it.
const id = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, "-" or "_", starting with a letter (max 64)');
const localizedText = z.strictObject({
    ko: z.string().min(1).meta({ description: 'Korean text.' }),
    en: z.string().min(1).meta({ description: 'English text.' }),
});
const zoom = z.number().int().min(0).max(24);
const propertyType = z.enum(['string', 'number', 'boolean']);
const crs = z.string().regex(/^EPSG:\d{4,5}$/, 'must look like "EPSG:4326"');
/**
 * A published property name: a letter of any script (Hangul included) followed by letters, marks, digits or `_`.
 * The rule keeps names usable as MapLibre expression keys and free of `__proto__`-like surprises.
 */
export const propertyNamePattern = /^\p{L}[\p{L}\p{M}\p{N}_]{0,63}$/u;
const propertyName = z
    .string()
    .regex(propertyNamePattern, 'must be an identifier: a letter of any script (한글 included), then letters, digits or "_" (max 64)');
const propertyDetail = z
    .strictObject({
    type: propertyType.meta({ description: 'How values are published: `string`, `number` or `boolean`.' }),
    label: localizedText
        .optional()
        .meta({ description: 'What popups, the list and search show instead of the raw property name.', examples: [{ ko: '설치연도', en: 'Installed' }] }),
})
    .meta({ description: 'A published property with its type and a label for residents.' });
const propertySpec = z.union([
    propertyType.meta({ description: 'The type alone: `string`, `number` or `boolean`.' }),
    propertyDetail,
]);
/** Where a layer's features come from, and how the file's columns map onto feature properties. */
const sourceSchema = z.strictObject({
    path: z.string().min(1).meta({ description: 'Path of the source file, relative to the catalogue file.', examples: ['data/shelters.csv'] }),
    format: z
        .enum(['csv', 'geojson', 'ndjson', 'xlsx', 'shapefile', 'gpkg', 'fgb', 'kml'])
        .optional()
        .meta({
        description: 'File format; from the extension when absent (`.csv`/`.txt`, `.xlsx`, `.geojson`/`.json`, `.ndjson`/`.geojsonl`, `.shp` or `.zip` for shapefiles, `.gpkg`, `.fgb` for FlatGeobuf, `.kml`/`.kmz`).',
        examples: ['csv'],
    }),
    encoding: z
        .enum(['auto', 'utf-8', 'cp949', 'euc-kr', 'cp932', 'shift_jis', 'euc-jp'])
        .default('auto')
        .meta({
        description: 'Text encoding of the source file (of the `.dbf` for shapefiles); `auto` sniffs a BOM, then UTF-8 validity, then tells Korean CP949 from Japanese Shift_JIS (CP932) and EUC-JP by which reads as real text. Shapefiles take their `.cpg` or `.cst` file, else CP949.',
        examples: ['cp949'],
    }),
    sheet: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'XLSX: the sheet to read, by name or 1-based position (default: the first). GeoPackage: the feature table.', examples: ['대피시설'] }),
    crs: crs.optional().meta({
        description: 'Coordinate reference system of the source coordinates (`EPSG:4326` degrees, `EPSG:5186` and the other Korean TM systems in metres). When absent, the CRS the file names itself (a GeoJSON `crs` member) is used, else degrees; projected metres with no CRS anywhere are refused, never guessed.',
        examples: ['EPSG:5186'],
    }),
    columns: z
        .strictObject({
        lat: z.string().min(1).optional().meta({ description: 'Latitude column, in degrees.', examples: ['위도'] }),
        lon: z.string().min(1).optional().meta({ description: 'Longitude column, in degrees.', examples: ['경도'] }),
        x: z.string().min(1).optional().meta({ description: 'Projected easting column, in metres (with `crs`).', examples: ['좌표정보(x)'] }),
        y: z.string().min(1).optional().meta({ description: 'Projected northing column, in metres (with `crs`).', examples: ['좌표정보(y)'] }),
    })
        .optional()
        .meta({ description: 'CSV coordinate columns, `lat`/`lon` or `x`/`y`; when absent the Korean standard layouts are detected.' }),
    fields: z
        .record(z.string().min(1), z.string().min(1))
        .default({})
        .meta({
        description: 'Published property name → source column (CSV) or property (GeoJSON), for names that differ from the source.',
        examples: [{ 설치연도: '설치년도', phone: '관리기관전화번호' }],
    }),
});
const layerSchema = z
    .strictObject({
    id: id.meta({ description: 'Layer id, unique in its tile set: the vector layer name in tiles and the `layers=` value of the widget.', examples: ['shelters'] }),
    title: localizedText.meta({ description: 'Layer name in the legend and the list.', examples: [{ ko: '대피소', en: 'Shelters' }] }),
    geometry: z.enum(['point', 'line', 'polygon']).meta({ description: 'Geometry kind; features of another kind are reported and left out.', examples: ['point'] }),
    source: sourceSchema.meta({ description: 'Where the layer\'s features come from.' }),
    minzoom: zoom.default(0).meta({ description: 'Lowest zoom at which the layer is drawn.', examples: [10] }),
    maxzoom: zoom.default(14).meta({ description: 'Highest zoom with its own tiles; the map overzooms beyond it.', examples: [16] }),
    properties: z.record(propertyName, propertySpec).meta({
        description: 'The allow-list: only these properties, with these types, ever leave the server. A name is a letter of any script, then letters, digits or `_` (max 64). Each value is a type, or `{ "type", "label" }`.',
        examples: [{ 시설명: 'string', 설치연도: { type: 'number', label: { ko: '설치연도', en: 'Installed' } } }],
    }),
    attribution: z.string().min(1).meta({ description: 'Credit shown on the map for this layer.', examples: ['해운대구청'] }),
    license: z.string().min(1).optional().meta({ description: 'Licence of the data, an SPDX id or the licence\'s name.', examples: ['KOGL-Type1'] }),
    basemap: z.boolean().default(false).meta({ description: 'A backdrop (land, districts): drawn first, never in the legend, never clickable.', examples: [true] }),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour').optional().meta({ description: 'Legend and style colour, `#rrggbb`; a palette colour when absent.', examples: ['#d9480f'] }),
    access: z
        .enum(['public', 'restricted'])
        .default('public')
        .meta({ description: '`restricted` layers are left out of the public tile set and served only with an API key (see `apiKeys`).', examples: ['restricted'] }),
    precision: z
        .strictObject({
        gridMeters: z.number().min(1).max(100_000).meta({ description: 'Grid the coordinates are snapped to at load, in metres.', examples: [50] }),
        maxzoom: zoom.meta({ description: 'No tiles of this layer finer than this zoom.', examples: [15] }),
    })
        .optional()
        .meta({ description: 'For sensitive layers (CCTV): coordinates snapped to a grid at load, and no tiles finer than `maxzoom`.' }),
})
    .superRefine((layer, context) => {
    if (layer.minzoom > layer.maxzoom)
        context.addIssue({ code: 'custom', message: 'minzoom must not exceed maxzoom', path: ['minzoom'] });
    if (layer.precision && layer.precision.maxzoom < layer.minzoom) {
        context.addIssue({ code: 'custom', message: 'precision.maxzoom must not be below the layer minzoom', path: ['precision', 'maxzoom'] });
    }
    const published = new Set(Object.keys(layer.properties).map((name) => name.normalize('NFC')));
    for (const name of Object.keys(layer.source.fields)) {
        if (published.has(name.normalize('NFC')))
            continue;
        context.addIssue({
            code: 'custom',
            message: `"${name}" is not a published property; add it to properties or remove it from fields`,
            path: ['source', 'fields', name],
        });
    }
})
    .transform(({ properties, source, ...rest }) => {
    // Names are compared in NFC everywhere else (headers, tiles); a catalogue saved in NFD must still match.
    const types = {};
    const labels = {};
    for (const [rawName, spec] of Object.entries(properties)) {
        const name = rawName.normalize('NFC');
        types[name] = typeof spec === 'string' ? spec : spec.type;
        if (typeof spec !== 'string' && spec.label)
            labels[name] = spec.label;
    }
    const fields = Object.fromEntries(Object.entries(source.fields).map(([name, column]) => [name.normalize('NFC'), column.normalize('NFC')]));
    // The output keeps the historic shape (properties: name → type) so the engine needs no change; labels ride along
    // only when there are some, which also keeps the configuration fingerprint of label-free catalogues unchanged.
    return { ...rest, source: { ...source, fields }, properties: types, ...(Object.keys(labels).length > 0 ? { labels } : {}) };
});
/** A self-hosted basemap drawn under a tile set's layers; see docs/basemap.md. */
const basemapSchema = z.strictObject({
    /** PMTiles archive, relative to the catalogue; served as `/basemap/<name>.pmtiles`, so its file name is an id. */
    archive: z
        .string()
        .regex(/(^|\/)[a-z][a-z0-9_-]{0,63}\.pmtiles$/, 'must be a path to "<name>.pmtiles", the name lowercase letters, digits, "-" or "_"')
        .meta({ description: 'PMTiles archive, relative to the catalogue; served as `/basemap/<name>.pmtiles`, so its file name is an id.', examples: ['basemap/busan.pmtiles'] }),
    /** Place gazetteer for search (`{"places":[…]}`); `<name>.places.json` beside the archive when absent. */
    places: z.string().min(1).optional().meta({ description: 'Place gazetteer for search (`{"places":[…]}`); `<name>.places.json` beside the archive when absent.', examples: ['basemap/busan.places.json'] }),
    /** Credit shown on the map for the basemap's data, e.g. "© OpenStreetMap contributors". */
    attribution: z.string().min(1).meta({ description: 'Credit shown on the map for the basemap\'s data.', examples: ['© OpenStreetMap contributors, Statistics Korea'] }),
});
const tilesetSchema = z
    .strictObject({
    id: id.meta({ description: 'Tile set id: the `{id}` of `/tiles/{id}.json` and the widget\'s `tileset`.', examples: ['haeundae'] }),
    title: localizedText.meta({ description: 'Map title.', examples: [{ ko: '해운대구 안전지도', en: 'Haeundae-gu Safety Map' }] }),
    description: localizedText.optional().meta({ description: 'One sentence on what the map shows.', examples: [{ ko: '대피소, 비상벨과 CCTV 위치', en: 'Shelters, emergency bells and CCTV' }] }),
    center: z
        .tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), zoom])
        .optional()
        .meta({ description: 'Initial view: [longitude, latitude, zoom]; the centre of the data when absent.', examples: [[129.16, 35.17, 13]] }),
    bounds: z
        .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
        .refine(([west, south, east, north]) => west < east && south < north, 'must be [west, south, east, north] with west < east and south < north')
        .optional()
        .meta({
        description: 'The region the data must lie in, [west, south, east, north] in degrees; features outside it are left out and reported.',
        examples: [[129.07, 35.14, 129.24, 35.25]],
    }),
    layers: z.array(layerSchema).min(1).meta({ description: 'The layers, drawn in this order (first at the bottom).' }),
    basemap: basemapSchema.optional().meta({ description: 'Streets, water and place names drawn under the safety layers, served by this server (see basemap.md): no third-party map host.' }),
})
    .refine((set) => new Set(set.layers.map((layer) => layer.id)).size === set.layers.length, {
    message: 'layer ids must be unique within a tile set',
    path: ['layers'],
});
/** An API key bound to the origins whose pages may use it, like a URL-restricted map token. */
const apiKeySchema = z.strictObject({
    id: id.meta({ description: 'A name for the key, for logs and for revoking it.', examples: ['district-office'] }),
    sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'must be the 64-character lowercase hex SHA-256 of the key')
        .meta({
        description: 'SHA-256 of the key, lowercase hex (`printf %s KEY | sha256sum`); the key itself is never in the catalogue.',
        examples: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    }),
    origins: z
        .array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)]))
        .min(1)
        .meta({ description: 'Origins allowed to use the key, e.g. `["https://www.haeundae.go.kr"]`; `*` allows any, including none.' }),
    tilesets: z.array(id).min(1).meta({ description: 'Tile sets whose restricted layers the key unlocks.', examples: [['haeundae']] }),
});
export const catalogSchema = z
    .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file, for editors.', examples: ['../../packages/tile-server/catalog.schema.json'] }),
    publish: z
        .strictObject({
        dir: z.string().min(1).default('tiles').meta({ description: 'Folder of published tile sets (`<dir>/<tileset>/current.json`), relative to the catalogue.', examples: ['tiles'] }),
        keep: z.number().int().min(1).max(100).default(3).meta({ description: 'Versions kept on disk per tile set, the live one included; older ones are pruned, except the newest that passed the publish guard.', examples: [5] }),
        server: z
            .url({ protocol: /^https?$/ })
            .optional()
            .meta({
            description: 'URL at which the machine running `safemap rollback` reaches the server of this catalogue; rollback asks it which version it serves to confirm the switch (default `http://127.0.0.1:8080`, or `--server`).',
            examples: ['http://127.0.0.1:8080'],
        }),
    })
        .optional()
        .meta({ description: 'Where `safemap build --config` publishes archives and the server looks for them.' }),
    site: z
        .strictObject({
        agency: localizedText.meta({ description: 'The agency that publishes the map, named in the page header and its introduction.', examples: [{ ko: '부산광역시 해운대구', en: 'Haeundae-gu, Busan' }] }),
        title: localizedText.optional().meta({ description: 'Page title; the first tile set\'s title when absent.', examples: [{ ko: '해운대구 안전지도', en: 'Haeundae-gu Safety Map' }] }),
        intro: localizedText.optional().meta({
            description: 'A paragraph for residents at the top of the page\'s introduction; the tile sets\' descriptions when absent.',
            examples: [{ ko: '가까운 대피소와 안전비상벨을 찾아보세요.', en: 'Find the nearest shelters and emergency bells.' }],
        }),
        contact: z.string().min(1).max(200).optional().meta({ description: 'Where residents report a wrong or missing place: a phone number, e-mail address or web address, shown as text.', examples: ['051-749-4000'] }),
    })
        .optional()
        .meta({ description: 'The page the server answers at `/`: the agency\'s own, generated from this catalogue (the tile sets\' titles, descriptions, layers and credits).' }),
    tilesets: z.array(tilesetSchema).min(1).meta({ description: 'The maps this catalogue publishes.' }),
    apiKeys: z
        .array(apiKeySchema)
        .default([])
        .meta({ description: 'Keys that unlock restricted layers, stored as SHA-256 digests.' }),
})
    .refine((catalog) => new Set(catalog.tilesets.map((set) => set.id)).size === catalog.tilesets.length, {
    message: 'tile set ids must be unique',
    path: ['tilesets'],
})
    .meta({ title: 'SafeMap layer catalogue', description: 'The tile sets, layers and allow-listed properties a SafeMap server publishes.' });
//# sourceMappingURL=catalog_schema.js.map