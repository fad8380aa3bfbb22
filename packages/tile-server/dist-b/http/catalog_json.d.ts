import type { LocalizedText } from '../catalog/catalog_schema.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
/** The public catalogue: each tile set, its layers as a legend needs them, and where its TileJSON and style live. */
export declare function buildCatalogJson(registry: TilesetRegistry, baseUrl: string): {
    tilesets: {
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
            labels?: Record<string, LocalizedText>;
        })[];
        basemap?: {
            tilejson: string;
            places: string;
            attribution: string;
        } | undefined;
        tilejson: string;
        style: string;
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
/** One tile set's catalogue entry; the restricted style reuses its `layers` so a widget can add them to its legend. */
export declare function catalogTilesetJson(tileset: Tileset, baseUrl: string): {
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
        labels?: Record<string, LocalizedText>;
    })[];
    basemap?: {
        tilejson: string;
        places: string;
        attribution: string;
    } | undefined;
    tilejson: string;
    style: string;
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
};
