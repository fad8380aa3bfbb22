import sharp from 'sharp';
import { iconSvg } from './sprite_icons.js';
/** Icon edge in CSS pixels; 24 keeps symbols legible on phones without hiding the streets under them. */
export const ICON_SIZE = 24;
/** Icons per row of the sheet. */
const COLUMNS = 8;
/** Transparent gap between icons, in device pixels, so linear sampling never bleeds a neighbour in. */
const GAP = 2;
/**
 * Rasterises the icons with sharp (librsvg) at `pixelRatio` and packs them on a grid. Deterministic: the same icons
 * give the same bytes, so the sheet can be cached and its ETag is stable.
 */
export async function buildSpriteSheet(icons, iconDir, pixelRatio) {
    const size = ICON_SIZE * pixelRatio;
    const cell = size + GAP;
    const columns = Math.max(1, Math.min(COLUMNS, icons.length));
    const rows = Math.max(1, Math.ceil(icons.length / COLUMNS));
    const index = Object.create(null);
    const images = await Promise.all(icons.map((icon) => 
    // density scales the SVG's 24 px box to the target size before rasterising, so strokes stay sharp at 2×.
    sharp(iconSvg(icon, iconDir), { density: 72 * pixelRatio }).resize(size, size).png().toBuffer()));
    const composites = icons.map((icon, i) => {
        const left = (i % COLUMNS) * cell;
        const top = Math.floor(i / COLUMNS) * cell;
        index[icon.name] = { x: left, y: top, width: size, height: size, pixelRatio };
        return { input: images[i], left, top };
    });
    const png = await sharp({
        create: { width: columns * cell, height: rows * cell, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
        .composite(composites)
        .png({ compressionLevel: 9 })
        .toBuffer();
    return { index: { ...index }, png };
}
//# sourceMappingURL=build_sprite_sheet.js.map