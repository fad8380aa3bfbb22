/** Colour-blind-safe defaults (Okabe–Ito), used when the catalogue gives no colour. */
const palette = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
export function defaultLayerColor(index) {
    return palette[index % palette.length];
}
//# sourceMappingURL=layer_colors.js.map