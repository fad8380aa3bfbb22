import path from 'node:path';
import type { StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { BASEMAP_SOURCE } from '../http/basemap_style_layers.js';
import { buildCatalogJson } from '../http/catalog_json.js';
import { buildStyleJson } from '../http/style_json.js';
import { buildTileJson } from '../http/tilejson.js';
import type { Tileset } from '../store/tileset.js';
import { TilesetRegistry } from '../store/tileset_registry.js';

/** Where one tile set's files sit in the exported folder (folder-relative, `/`-separated). */
export interface TilesetPaths {
  readonly archive: string;
  readonly tilejson: string;
  readonly style: string;
  /** Sprite base: MapLibre adds `.json`, `.png`, `@2x.json`, `@2x.png`. */
  readonly sprite: string;
  /** Static look-up files by layer id (bounded; see static_lookups.ts). */
  readonly lookups: Readonly<Record<string, string>>;
  readonly basemap?: { readonly archive: string; readonly tilejson: string; readonly places: string | undefined; readonly header: BasemapHeader };
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

export function siteLinker(publicUrl: string | undefined): SiteLinker {
  if (publicUrl) {
    const base = publicUrl.replace(/\/+$/, '');
    return (_from, target) => `${base}/${target}`;
  }
  return (from, target) => path.posix.relative(path.posix.dirname(from), target);
}

/**
 * The style the server would give (`buildStyleJson`), with the data and basemap sources read straight from their
 * PMTiles archives through the `pmtiles://` protocol, and the sprite from its content-hashed files.
 */
export function exportedStyle(tileset: Tileset, paths: TilesetPaths, link: SiteLinker): StyleSpecification {
  const style = buildStyleJson(tileset, '');
  const sources = { ...style.sources };
  sources[tileset.id] = { type: 'vector', url: `pmtiles://${link(paths.style, paths.archive)}`, attribution: tileset.attribution };
  const basemap = sources[BASEMAP_SOURCE];
  if (basemap) {
    if (!paths.basemap) throw new Error(`tile set ${tileset.id}: the style has a basemap but none was exported`);
    sources[BASEMAP_SOURCE] = { ...basemap, url: `pmtiles://${link(paths.style, paths.basemap.archive)}` } as StyleSpecification['sources'][string];
  }
  return { ...style, sprite: link(paths.style, paths.sprite), sources };
}

/** The TileJSON the server would give, its tiles read from the archive through the `pmtiles://` protocol. */
export function exportedTileJson(tileset: Tileset, paths: TilesetPaths, link: SiteLinker) {
  return { ...buildTileJson(tileset, ''), tiles: [`pmtiles://${link(paths.tilejson, paths.archive)}/{z}/{x}/{y}`] };
}

/** The basemap's TileJSON, as `/basemap/{name}.json` gives it. */
export function exportedBasemapTileJson(name: string, attribution: string, basemap: NonNullable<TilesetPaths['basemap']>, link: SiteLinker) {
  return {
    tilejson: '3.0.0',
    name,
    attribution,
    tiles: [`pmtiles://${link(basemap.tilejson, basemap.archive)}/{z}/{x}/{y}`],
    minzoom: basemap.header.minzoom,
    maxzoom: basemap.header.maxzoom,
    bounds: [...basemap.header.bounds],
  };
}

/**
 * The catalogue the server would give, with its links into the folder, plus `lookups`: the static files that stand in
 * for the server's search, point and feature look-ups. A widget that sees `lookups` never asks for those routes.
 */
export function exportedCatalog(tilesets: ReadonlyArray<{ tileset: Tileset; paths: TilesetPaths }>, file: string, link: SiteLinker) {
  const catalog = buildCatalogJson(new TilesetRegistry(tilesets.map((t) => t.tileset)), '');
  return {
    tilesets: catalog.tilesets.map((entry) => {
      const { paths } = tilesets.find((t) => t.tileset.id === entry.id)!;
      const { basemap, ...rest } = entry;
      return {
        ...rest,
        tilejson: link(file, paths.tilejson),
        style: link(file, paths.style),
        ...(basemap && paths.basemap
          ? {
              basemap: {
                ...basemap,
                tilejson: link(file, paths.basemap.tilejson),
                ...(paths.basemap.places ? { places: link(file, paths.basemap.places) } : { places: undefined }),
              },
            }
          : {}),
        lookups: Object.fromEntries(Object.entries(paths.lookups).map(([layer, target]) => [layer, link(file, target)])),
      };
    }),
  };
}
