import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Tileset } from '../store/tileset.js';
/** Where one tile set's files sit in the exported folder (folder-relative, `/`-separated). */
export interface TilesetPaths {
    readonly archive: string;
    readonly tilejson: string;
    readonly style: string;
    /** Sprite base: MapLibre adds `.json`, `.png`, `@2x.json`, `@2x.png`. */
    readonly sprite: string;
    /** Static look-up files by layer id (bounded; see static_lookups.ts). */
    readonly lookups: Readonly<Record<string, string>>;
    readonly basemap?: {
        readonly archive: string;
        readonly tilejson: string;
        readonly places: string | undefined;
        readonly header: BasemapHeader;
    };
}
export interface BasemapHeader {
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly bounds: readonly [number, number, number, number];
}
/**
 * Turns a folder-relative target into the URL a document at `from` writes: relative to that document (the folder
 * works under any path of any host; the widget resolves such URLs against the document), or absolute under
 * `publicUrl` when one is given, for clients that need absolute URLs.
 */
export type SiteLinker = (from: string, target: string) => string;
export declare function siteLinker(publicUrl: string | undefined): SiteLinker;
/**
 * The style the server would give (`buildStyleJson`), with the data and basemap sources read straight from their
 * PMTiles archives through the `pmtiles://` protocol, and the sprite from its content-hashed files.
 */
export declare function exportedStyle(tileset: Tileset, paths: TilesetPaths, link: SiteLinker): StyleSpecification;
/** The TileJSON the server would give, its tiles read from the archive through the `pmtiles://` protocol. */
export declare function exportedTileJson(tileset: Tileset, paths: TilesetPaths, link: SiteLinker): {
    tiles: string[];
    tilejson: string;
    name: string;
    description: string;
    version: string;
    attribution: string;
    scheme: string;
    minzoom: number;
    maxzoom: number;
    bounds: number[];
    center: number[];
    vector_layers: {
        id: string;
        description: string;
        minzoom: number;
        maxzoom: number;
        fields: {
            [k: string]: string;
        };
    }[];
    'safemap:version': string;
};
/** The basemap's TileJSON, as `/basemap/{name}.json` gives it. */
export declare function exportedBasemapTileJson(name: string, attribution: string, basemap: NonNullable<TilesetPaths['basemap']>, link: SiteLinker): {
    tilejson: string;
    name: string;
    attribution: string;
    tiles: string[];
    minzoom: number;
    maxzoom: number;
    bounds: number[];
};
/**
 * The catalogue the server would give, with its links into the folder, plus `lookups`: the static files that stand in
 * for the server's search, point and feature look-ups. A widget that sees `lookups` never asks for those routes.
 */
export declare function exportedCatalog(tilesets: ReadonlyArray<{
    tileset: Tileset;
    paths: TilesetPaths;
}>, file: string, link: SiteLinker): {
    tilesets: {
        lookups: {
            [k: string]: string;
        };
        basemap?: {
            places: string;
            tilejson: string;
            attribution: string;
        } | {
            places: undefined;
            tilejson: string;
            attribution: string;
        } | undefined;
        tilejson: string;
        style: string;
        layers: ({
            icons?: import("../sprites/icon_layers.js").LayerIcons | undefined;
            id: string;
            title: {
                readonly ko: string;
                readonly en: string;
            };
            geometry: "point" | "line" | "polygon";
            color: string;
            basemap: boolean;
            minzoom: number;
            maxzoom: number;
            properties: string[];
            attribution: string;
        } & {
            labels?: Record<string, import("../catalog/catalog_schema.js").LocalizedText>;
        })[];
        version: string;
        minzoom: number;
        maxzoom: number;
        bounds: number[];
        center: number[];
        attribution: string;
        description?: {
            readonly ko: string;
            readonly en: string;
        } | undefined;
        id: string;
        title: {
            readonly ko: string;
            readonly en: string;
        };
    }[];
};
