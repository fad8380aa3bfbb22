import { z } from 'zod';
declare const localizedText: z.ZodObject<{
    ko: z.ZodString;
    en: z.ZodString;
}, z.core.$strict>;
declare const propertyType: z.ZodEnum<{
    string: "string";
    number: "number";
    boolean: "boolean";
}>;
/**
 * A published property name: a letter of any script (Hangul included) followed by letters, marks, digits or `_`.
 * The rule keeps names usable as MapLibre expression keys and free of `__proto__`-like surprises.
 */
export declare const propertyNamePattern: RegExp;
/** A self-hosted basemap drawn under a tile set's layers; see docs/basemap.md. */
declare const basemapSchema: z.ZodObject<{
    archive: z.ZodString;
    places: z.ZodOptional<z.ZodString>;
    attribution: z.ZodString;
}, z.core.$strict>;
export declare const catalogSchema: z.ZodObject<{
    $schema: z.ZodOptional<z.ZodString>;
    publish: z.ZodOptional<z.ZodObject<{
        dir: z.ZodDefault<z.ZodString>;
        keep: z.ZodDefault<z.ZodNumber>;
        server: z.ZodOptional<z.ZodURL>;
    }, z.core.$strict>>;
    site: z.ZodOptional<z.ZodObject<{
        agency: z.ZodObject<{
            ko: z.ZodString;
            en: z.ZodString;
        }, z.core.$strict>;
        title: z.ZodOptional<z.ZodObject<{
            ko: z.ZodString;
            en: z.ZodString;
        }, z.core.$strict>>;
        intro: z.ZodOptional<z.ZodObject<{
            ko: z.ZodString;
            en: z.ZodString;
        }, z.core.$strict>>;
        contact: z.ZodOptional<z.ZodString>;
    }, z.core.$strict>>;
    tilesets: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        title: z.ZodObject<{
            ko: z.ZodString;
            en: z.ZodString;
        }, z.core.$strict>;
        description: z.ZodOptional<z.ZodObject<{
            ko: z.ZodString;
            en: z.ZodString;
        }, z.core.$strict>>;
        center: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
        bounds: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber, z.ZodNumber, z.ZodNumber], null>>;
        layers: z.ZodArray<z.ZodPipe<z.ZodObject<{
            id: z.ZodString;
            title: z.ZodObject<{
                ko: z.ZodString;
                en: z.ZodString;
            }, z.core.$strict>;
            geometry: z.ZodEnum<{
                point: "point";
                line: "line";
                polygon: "polygon";
            }>;
            source: z.ZodObject<{
                path: z.ZodString;
                format: z.ZodOptional<z.ZodEnum<{
                    csv: "csv";
                    geojson: "geojson";
                    ndjson: "ndjson";
                    xlsx: "xlsx";
                    shapefile: "shapefile";
                    gpkg: "gpkg";
                    fgb: "fgb";
                    kml: "kml";
                }>>;
                encoding: z.ZodDefault<z.ZodEnum<{
                    auto: "auto";
                    "utf-8": "utf-8";
                    cp949: "cp949";
                    "euc-kr": "euc-kr";
                    cp932: "cp932";
                    shift_jis: "shift_jis";
                    "euc-jp": "euc-jp";
                }>>;
                sheet: z.ZodOptional<z.ZodString>;
                crs: z.ZodOptional<z.ZodString>;
                columns: z.ZodOptional<z.ZodObject<{
                    lat: z.ZodOptional<z.ZodString>;
                    lon: z.ZodOptional<z.ZodString>;
                    x: z.ZodOptional<z.ZodString>;
                    y: z.ZodOptional<z.ZodString>;
                }, z.core.$strict>>;
                fields: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodString>>;
            }, z.core.$strict>;
            minzoom: z.ZodDefault<z.ZodNumber>;
            maxzoom: z.ZodDefault<z.ZodNumber>;
            properties: z.ZodRecord<z.ZodString, z.ZodUnion<readonly [z.ZodEnum<{
                string: "string";
                number: "number";
                boolean: "boolean";
            }>, z.ZodObject<{
                type: z.ZodEnum<{
                    string: "string";
                    number: "number";
                    boolean: "boolean";
                }>;
                label: z.ZodOptional<z.ZodObject<{
                    ko: z.ZodString;
                    en: z.ZodString;
                }, z.core.$strict>>;
            }, z.core.$strict>]>>;
            attribution: z.ZodString;
            license: z.ZodOptional<z.ZodString>;
            basemap: z.ZodDefault<z.ZodBoolean>;
            color: z.ZodOptional<z.ZodString>;
            access: z.ZodDefault<z.ZodEnum<{
                public: "public";
                restricted: "restricted";
            }>>;
            precision: z.ZodOptional<z.ZodObject<{
                gridMeters: z.ZodNumber;
                maxzoom: z.ZodNumber;
            }, z.core.$strict>>;
        }, z.core.$strict>, z.ZodTransform<{
            labels?: Record<string, {
                ko: string;
                en: string;
            }> | undefined;
            source: {
                fields: {
                    [k: string]: string;
                };
                path: string;
                encoding: "auto" | "utf-8" | "cp949" | "euc-kr" | "cp932" | "shift_jis" | "euc-jp";
                format?: "csv" | "geojson" | "ndjson" | "xlsx" | "shapefile" | "gpkg" | "fgb" | "kml" | undefined;
                sheet?: string | undefined;
                crs?: string | undefined;
                columns?: {
                    lat?: string | undefined;
                    lon?: string | undefined;
                    x?: string | undefined;
                    y?: string | undefined;
                } | undefined;
            };
            properties: Record<string, "string" | "number" | "boolean">;
            id: string;
            title: {
                ko: string;
                en: string;
            };
            geometry: "point" | "line" | "polygon";
            minzoom: number;
            maxzoom: number;
            attribution: string;
            basemap: boolean;
            access: "public" | "restricted";
            license?: string | undefined;
            color?: string | undefined;
            precision?: {
                gridMeters: number;
                maxzoom: number;
            } | undefined;
        }, {
            id: string;
            title: {
                ko: string;
                en: string;
            };
            geometry: "point" | "line" | "polygon";
            source: {
                path: string;
                encoding: "auto" | "utf-8" | "cp949" | "euc-kr" | "cp932" | "shift_jis" | "euc-jp";
                fields: Record<string, string>;
                format?: "csv" | "geojson" | "ndjson" | "xlsx" | "shapefile" | "gpkg" | "fgb" | "kml" | undefined;
                sheet?: string | undefined;
                crs?: string | undefined;
                columns?: {
                    lat?: string | undefined;
                    lon?: string | undefined;
                    x?: string | undefined;
                    y?: string | undefined;
                } | undefined;
            };
            minzoom: number;
            maxzoom: number;
            properties: Record<string, "string" | "number" | "boolean" | {
                type: "string" | "number" | "boolean";
                label?: {
                    ko: string;
                    en: string;
                } | undefined;
            }>;
            attribution: string;
            basemap: boolean;
            access: "public" | "restricted";
            license?: string | undefined;
            color?: string | undefined;
            precision?: {
                gridMeters: number;
                maxzoom: number;
            } | undefined;
        }>>>;
        basemap: z.ZodOptional<z.ZodObject<{
            archive: z.ZodString;
            places: z.ZodOptional<z.ZodString>;
            attribution: z.ZodString;
        }, z.core.$strict>>;
    }, z.core.$strict>>;
    apiKeys: z.ZodDefault<z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        sha256: z.ZodString;
        origins: z.ZodArray<z.ZodUnion<readonly [z.ZodLiteral<"*">, z.ZodPipe<z.ZodURL, z.ZodTransform<string, string>>]>>;
        tilesets: z.ZodArray<z.ZodString>;
    }, z.core.$strict>>>;
}, z.core.$strict>;
export type CatalogInput = z.input<typeof catalogSchema>;
export type Catalog = z.output<typeof catalogSchema>;
export type TilesetConfig = Catalog['tilesets'][number];
export type LayerConfig = TilesetConfig['layers'][number];
export type SourceConfig = LayerConfig['source'];
export type PropertyType = z.output<typeof propertyType>;
export type LocalizedText = z.output<typeof localizedText>;
export type BasemapConfig = z.output<typeof basemapSchema>;
export type ApiKeyConfig = Catalog['apiKeys'][number];
export {};
