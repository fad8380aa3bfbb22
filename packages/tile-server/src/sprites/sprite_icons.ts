import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TilesetLayer } from '../store/tileset.js';

/** One image of a sprite sheet: its name in the style and the SVG it is drawn from. */
export interface SpriteIcon {
  /** Image name, as `icon-image` and legends refer to it: the catalogue layer id, or `<layer>-<shelter kind>`. */
  readonly name: string;
  /** SVG file name in the icon folder. */
  readonly file: string;
  /** Disc colour: the layer's catalogue colour, substituted for `currentColor` in the SVG. */
  readonly color: string;
}

/** Shelter kinds that have their own icon; `earthquake-outdoor` is how the national data spells the earthquake kind. */
export const SHELTER_KIND_ICONS: Readonly<Record<string, string>> = Object.freeze({
  'civil-defence': 'shelter-civil-defence.svg',
  earthquake: 'shelter-earthquake.svg',
  'earthquake-outdoor': 'shelter-earthquake.svg',
  tsunami: 'shelter-tsunami.svg',
  heat: 'shelter-heat.svg',
  cold: 'shelter-cold.svg',
});

// The catalogue says what a layer is only through its id, so the icon follows the id's words; anything
// unrecognised still gets a readable generic marker in the layer's colour.
const iconByKeyword: readonly (readonly [RegExp, string])[] = [
  [/shelter|대피/, 'shelter.svg'],
  [/cctv|camera/, 'cctv.svg'],
  [/bell|비상벨/, 'bell.svg'],
  [/route|path|귀갓길/, 'route.svg'],
];

/** The folder of the icon SVGs shipped with the package (same relative place from src/ and dist/). */
export function defaultIconDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/icons');
}

/** True when a layer draws shelters, whose icons vary with their `kind` property. */
export function isShelterLayer(layer: Pick<TilesetLayer, 'id'>): boolean {
  return iconFile(layer.id) === 'shelter.svg';
}

/** The icons of a tile set's data layers (basemap layers have none), in catalogue order. */
export function spriteIconsFor(layers: readonly TilesetLayer[]): SpriteIcon[] {
  return layers
    .filter((layer) => !layer.basemap)
    .flatMap((layer) => [
      { name: layer.id, file: iconFile(layer.id), color: layer.color },
      ...(isShelterLayer(layer)
        ? Object.entries(SHELTER_KIND_ICONS).map(([kind, file]) => ({ name: `${layer.id}-${kind}`, file, color: layer.color }))
        : []),
    ]);
}

/** Reads an icon's SVG with its disc colour filled in; the colour comes from the validated catalogue. */
export function iconSvg(icon: SpriteIcon, iconDir: string): Buffer {
  const svg = readFileSync(path.join(iconDir, icon.file), 'utf8');
  return Buffer.from(svg.replaceAll('currentColor', icon.color));
}

function iconFile(layerId: string): string {
  return iconByKeyword.find(([pattern]) => pattern.test(layerId))?.[1] ?? 'marker.svg';
}
