import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/** Shelter kinds that have their own icon; `earthquake-outdoor` is how the national data spells the earthquake kind. */
export const SHELTER_KIND_ICONS = Object.freeze({
    'civil-defence': 'shelter-civil-defence.svg',
    earthquake: 'shelter-earthquake.svg',
    'earthquake-outdoor': 'shelter-earthquake.svg',
    tsunami: 'shelter-tsunami.svg',
    heat: 'shelter-heat.svg',
    cold: 'shelter-cold.svg',
});
// The catalogue says what a layer is only through its id, so the icon follows the id's words; anything
// unrecognised still gets a readable generic marker in the layer's colour.
const iconByKeyword = [
    [/shelter|대피/, 'shelter.svg'],
    [/cctv|camera/, 'cctv.svg'],
    [/bell|비상벨/, 'bell.svg'],
    [/route|path|귀갓길/, 'route.svg'],
];
/** The folder of the icon SVGs shipped with the package (same relative place from src/ and dist/). */
export function defaultIconDir() {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/icons');
}
/** True when a layer draws shelters, whose icons vary with their `kind` property. */
export function isShelterLayer(layer) {
    return iconFile(layer.id) === 'shelter.svg';
}
/** The icons of a tile set's data layers (basemap layers have none), in catalogue order. */
export function spriteIconsFor(layers) {
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
export function iconSvg(icon, iconDir) {
    const svg = readFileSync(path.join(iconDir, icon.file), 'utf8');
    return Buffer.from(svg.replaceAll('currentColor', icon.color));
}
function iconFile(layerId) {
    return iconByKeyword.find(([pattern]) => pattern.test(layerId))?.[1] ?? 'marker.svg';
}
//# sourceMappingURL=sprite_icons.js.map